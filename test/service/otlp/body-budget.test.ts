/**
 * The receiver's body memory, unit by unit: the in-flight byte budget of ConcurrencyLimit, BodyBuffer and
 * readInto (a body copied into one buffer of its Content-Length, refused past it; a chunked body grown within
 * the cap, each growth asked of the budget), and inflateBody (gzip inflated into one buffer sized from the
 * gzip trailer, grown past one announcing less (several members), refused past maxBodyBytes or the budget).
 */
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyBuffer, BudgetExceeded, FIRST_CAPACITY, readInto } from '../../../src/service/otlp/body-buffer.js';
import { ConcurrencyLimit } from '../../../src/service/otlp/concurrency-limit.js';
import { inflateBody, inflatedSizeHint } from '../../../src/service/otlp/inflate-body.js';
import { ApiError } from '../../../src/service/server/error-body.js';

const KiB = 1024;

/** A budget that records what is asked of it and grants until `available` is spent. */
function budget(available = Infinity) {
  const asked: number[] = [];
  let left = available;
  return {
    asked,
    reserve: (more: number) => {
      asked.push(more);
      if (more > left) return false;
      left -= more;
      return true;
    },
  };
}

function limitsOf(maxBytes: number, reserve: (more: number) => boolean) {
  return {
    maxBytes,
    reserve,
    budgetMessage: 'no budget',
    tooLarge: (bytes: number) => new ApiError(413, 'PAYLOAD_TOO_LARGE', `${bytes} bytes`),
  };
}

/** Bytes 0..n-1 mod 251, so a wrong offset shows. */
const pattern = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i % 251));

/** Splits `body` into chunks of `size` and writes them to a fresh stream, ending it unless told not to. */
function streamOf(body: Buffer, size: number, end = true) {
  const stream = new PassThrough();
  for (let at = 0; at < body.length; at += size) stream.write(body.subarray(at, at + size));
  if (end) stream.end();
  return stream;
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('ConcurrencyLimit with a byte budget', () => {
  it('admits requests while their bytes fit, refuses by count or by bytes, and frees bytes with the slot', () => {
    const changes: [number, number][] = [];
    const limit = new ConcurrencyLimit(3, 100, (inUse, bytes) => changes.push([inUse, bytes]));
    const a = limit.tryAcquire(60);
    expect(typeof a).toBe('object');
    expect(limit.tryAcquire(41)).toBe('bytes');
    const b = limit.tryAcquire(40);
    expect(limit.bytes).toBe(100);
    expect(limit.tryAcquire(0)).not.toBe('requests');
    expect(limit.tryAcquire(0)).toBe('requests');
    if (typeof a === 'string' || typeof b === 'string') throw new Error('no slot');
    // Growth is asked of the same budget.
    expect(b.tryReserve(1)).toBe(false);
    expect(b.bytes).toBe(40);
    a.hold();
    a.drop();
    expect(limit.bytes).toBe(100);
    a.drop();
    expect(limit.bytes).toBe(40);
    expect(b.tryReserve(50)).toBe(true);
    expect(b.bytes).toBe(90);
    b.drop();
    expect(limit.bytes).toBe(0);
    expect(limit.inUse).toBe(1);
    // A freed slot takes nothing more.
    expect(b.tryReserve(1)).toBe(false);
    expect(limit.bytes).toBe(0);
    expect(changes.at(-1)).toEqual([1, 0]);
  });
});

describe('readInto with a Content-Length', () => {
  it('copies the chunks into one buffer of exactly that length, allocated once', async () => {
    const body = pattern(300 * KiB);
    const into = new BodyBuffer(body.length, limitsOf(1024 * KiB, budget().reserve), true);
    const read = await readInto(streamOf(body, 16 * KiB + 7), into);
    expect(read.equals(body)).toBe(true);
    expect(into.capacity).toBe(body.length);
    // The body is a view of the one buffer, not a copy joined from chunks.
    expect(read.buffer.byteLength).toBe(body.length);
  });

  it('refuses a body longer than its Content-Length with 413 and stops reading', async () => {
    const { asked, reserve } = budget();
    const into = new BodyBuffer(10 * KiB, limitsOf(1024 * KiB, reserve), true);
    const stream = streamOf(pattern(12 * KiB), 4 * KiB, false);
    const error = await refusal(readInto(stream, into));
    expect(error.statusCode).toBe(413);
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(asked).toEqual([]);
    expect(into.capacity).toBe(10 * KiB);
    expect(stream.readableFlowing).toBe(false);
  });

  it('answers 499 when the stream closes before its end, and passes a stream error on', async () => {
    const cut = new PassThrough();
    const reading = readInto(cut, new BodyBuffer(10, limitsOf(KiB, budget().reserve), true));
    cut.write(Buffer.alloc(4));
    cut.destroy();
    expect((await refusal(reading)).statusCode).toBe(499);

    const broken = new PassThrough();
    const failing = readInto(broken, new BodyBuffer(10, limitsOf(KiB, budget().reserve), true));
    broken.destroy(new Error('socket hang up'));
    await expect(failing).rejects.toThrow('socket hang up');
  });
});

describe('readInto without a length (chunked)', () => {
  it('grows the buffer by doubling within the cap, asking the budget for each growth', async () => {
    const body = pattern(300 * KiB);
    const { asked, reserve } = budget();
    const into = new BodyBuffer(FIRST_CAPACITY, limitsOf(1024 * KiB, reserve));
    const read = await readInto(streamOf(body, 10 * KiB), into);
    expect(read.equals(body)).toBe(true);
    expect(into.capacity).toBe(512 * KiB);
    // 64 KiB reserved by the caller, then 64 + 128 + 256 KiB: exactly the capacity.
    expect(asked).toEqual([64 * KiB, 128 * KiB, 256 * KiB]);
    expect(FIRST_CAPACITY + asked.reduce((a, b) => a + b)).toBe(into.capacity);
  });

  it('never allocates past maxBytes: the last growth stops at the cap, a byte more is a 413', async () => {
    const maxBytes = 200 * KiB;
    const exact = new BodyBuffer(FIRST_CAPACITY, limitsOf(maxBytes, budget().reserve));
    expect((await readInto(streamOf(pattern(maxBytes), 8 * KiB), exact)).length).toBe(maxBytes);
    expect(exact.capacity).toBe(maxBytes);

    const { asked, reserve } = budget();
    const over = new BodyBuffer(FIRST_CAPACITY, limitsOf(maxBytes, reserve));
    const stream = streamOf(pattern(maxBytes + 1), 8 * KiB, false);
    const error = await refusal(readInto(stream, over));
    expect(error.statusCode).toBe(413);
    expect(over.capacity).toBe(maxBytes);
    expect(FIRST_CAPACITY + asked.reduce((a, b) => a + b)).toBe(maxBytes);
  });

  it('a growth the budget refuses is a 503 BudgetExceeded, and nothing more is allocated', async () => {
    const { reserve } = budget(100 * KiB);
    const into = new BodyBuffer(FIRST_CAPACITY, limitsOf(1024 * KiB, reserve));
    const error = await refusal(readInto(streamOf(pattern(300 * KiB), 8 * KiB, false), into));
    expect(error).toBeInstanceOf(BudgetExceeded);
    expect(error.statusCode).toBe(503);
    expect(error.code).toBe('OVERLOADED');
    // 64 KiB → 128 KiB was granted (64 KiB asked), 128 → 256 KiB was not.
    expect(into.capacity).toBe(128 * KiB);
  });
});

describe('inflateBody', () => {
  const maxBytes = 1024 * KiB;

  it('inflates gzip into one buffer of the size its trailer announces, reserved at once', async () => {
    const body = pattern(700 * KiB);
    const zipped = gzipSync(body);
    expect(inflatedSizeHint(zipped, maxBytes)).toBe(body.length);
    const { asked, reserve } = budget();
    const inflated = await inflateBody(zipped, 'gzip', { maxBytes, reserve, budgetMessage: 'no budget' });
    expect(inflated.equals(body)).toBe(true);
    expect(asked).toEqual([body.length]);
    expect(inflated.buffer.byteLength).toBe(body.length);
  });

  it('passes identity bodies through and refuses other encodings with 415', async () => {
    const body = pattern(10);
    expect(await inflateBody(body, undefined, { maxBytes, reserve: () => false, budgetMessage: '' })).toBe(body);
    expect(await inflateBody(body, 'identity', { maxBytes, reserve: () => false, budgetMessage: '' })).toBe(body);
    expect((await refusal(inflateBody(body, 'br', { maxBytes, reserve: () => true, budgetMessage: '' }))).statusCode).toBe(415);
  });

  it('grows past a trailer that announces less (several gzip members), asking the budget, and inflates the whole body', async () => {
    const body = pattern(500 * KiB);
    // The last member's trailer announces its own 10 bytes; zlib inflates every member.
    const zipped = Buffer.concat([gzipSync(body.subarray(0, body.length - 10)), gzipSync(body.subarray(body.length - 10))]);
    expect(inflatedSizeHint(zipped, maxBytes)).toBe(FIRST_CAPACITY);
    const { asked, reserve } = budget();
    const inflated = await inflateBody(zipped, 'gzip', { maxBytes, reserve, budgetMessage: 'no budget' });
    expect(inflated.equals(body)).toBe(true);
    expect(asked[0]).toBe(FIRST_CAPACITY);
    expect(asked.reduce((a, b) => a + b)).toBeLessThanOrEqual(2 * body.length);
  });

  it('a gzip bomb is a 413 without ever reserving more than maxBytes', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * maxBytes));
    const { asked, reserve } = budget();
    const error = await refusal(inflateBody(bomb, 'gzip', { maxBytes, reserve, budgetMessage: 'no budget' }));
    expect(error.statusCode).toBe(413);
    expect(error.message).toContain('otlp.maxBodyBytes');
    expect(asked.reduce((a, b) => a + b)).toBeLessThanOrEqual(maxBytes);
  });

  it('an inflated size the budget cannot hold is a 503 BudgetExceeded before inflating', async () => {
    const zipped = gzipSync(pattern(700 * KiB));
    const { asked, reserve } = budget(600 * KiB);
    const error = await refusal(inflateBody(zipped, 'gzip', { maxBytes, reserve, budgetMessage: 'no budget' }));
    expect(error).toBeInstanceOf(BudgetExceeded);
    expect(error.message).toBe('no budget');
    expect(asked).toEqual([700 * KiB]);
  });

  it('invalid gzip is a 400', async () => {
    const error = await refusal(inflateBody(Buffer.from('not gzip at all, not at all'), 'gzip', { maxBytes, reserve: () => true, budgetMessage: '' }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(/^invalid gzip body/);
  });
});
