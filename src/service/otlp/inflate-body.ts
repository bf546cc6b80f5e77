/**
 * Content-Encoding of an OTLP body: none or gzip, inflated off the event loop (zlib's thread pool, a chunk at
 * a time) straight into one BodyBuffer, never past `maxBytes`, its memory taken from the in-flight budget.
 * The buffer starts at the size the gzip trailer announces (ISIZE, clamped to `maxBytes`): a hint only, checked
 * by zlib at the end, and a body of several gzip members announces only its last; so the buffer grows (asking
 * the budget) past it when needed.
 */
import { createGunzip } from 'node:zlib';
import { ApiError } from '../server/error-body.js';
import { BodyBuffer, BudgetExceeded, FIRST_CAPACITY, readInto } from './body-buffer.js';

export interface InflateLimits {
  maxBytes: number;
  /** Takes `more` bytes of the in-flight budget; false when it has none left. */
  reserve: (more: number) => boolean;
  /** What the 503 says when the budget has no room for the inflated body. */
  budgetMessage: string;
}

/** Output of zlib per step: large enough to keep the steps few, small enough to keep each short. */
const INFLATE_CHUNK = 256 * 1024;

/** The inflated size a gzip body announces in its last 4 bytes (modulo 2^32), clamped to [FIRST_CAPACITY, maxBytes]. */
export function inflatedSizeHint(body: Buffer, maxBytes: number): number {
  const announced = body.length >= 18 ? body.readUInt32LE(body.length - 4) : 0;
  return Math.min(maxBytes, Math.max(FIRST_CAPACITY, announced));
}

export async function inflateBody(body: Buffer, encoding: string | undefined, limits: InflateLimits): Promise<Buffer> {
  if (encoding === undefined || encoding === 'identity') return body;
  if (encoding !== 'gzip') throw new ApiError(415, 'UNSUPPORTED_ENCODING', `content-encoding ${encoding} is not supported; use gzip or none`);
  const { maxBytes, reserve, budgetMessage } = limits;
  const capacity = inflatedSizeHint(body, maxBytes);
  if (!reserve(capacity)) throw new BudgetExceeded(budgetMessage);
  const out = new BodyBuffer(capacity, {
    maxBytes,
    reserve,
    budgetMessage,
    tooLarge: () => new ApiError(413, 'PAYLOAD_TOO_LARGE', `the body inflates to more than ${maxBytes} bytes (otlp.maxBodyBytes); send smaller batches`),
  });
  const gunzip = createGunzip({ chunkSize: INFLATE_CHUNK });
  try {
    const inflated = readInto(gunzip, out);
    gunzip.end(body);
    return await inflated;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, 'BAD_REQUEST', `invalid gzip body: ${(error as Error).message}`);
  } finally {
    gunzip.destroy();
  }
}
