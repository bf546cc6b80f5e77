/**
 * One buffer a body is copied into as it arrives, instead of a list of chunks joined at the end (joining
 * 16 MiB in one Buffer.concat blocks the event loop for tens of milliseconds and holds the body twice).
 * Its capacity is what the request's slot holds of the in-flight byte budget: sized at once when the length
 * is known (Content-Length, a gzip trailer's hint), otherwise grown by doubling, never past `maxBytes`, each
 * growth asked of the budget first.
 */
import type { Readable } from 'node:stream';
import { ApiError } from '../server/error-body.js';

/** First capacity of a body of unknown length (chunked, or an inflate without a usable size hint). */
export const FIRST_CAPACITY = 64 * 1024;

/** Refused because the in-flight byte budget is spent: OTLP senders retry after Retry-After. */
export class BudgetExceeded extends ApiError {
  constructor(message: string) {
    super(503, 'OVERLOADED', message);
  }
}

export interface BodyBufferLimits {
  /** The body may not grow past this. */
  maxBytes: number;
  /** The 413 for a body past `maxBytes` (or past `exactLength`). */
  tooLarge: (bytes: number) => ApiError;
  /** Takes `more` bytes of the in-flight budget before the buffer grows; false when it has none left. */
  reserve: (more: number) => boolean;
  /** What the refusal says when the budget has no room to grow. */
  budgetMessage: string;
}

export class BodyBuffer {
  #buf: Buffer;
  #length = 0;

  /**
   * `capacity` bytes are allocated now (not zero-filled: pages are touched only as bytes are copied in) and
   * must already be reserved by the caller. With `exact`, the body may not be longer than `capacity`.
   */
  constructor(
    capacity: number,
    private readonly limits: BodyBufferLimits,
    private readonly exact = false,
  ) {
    this.#buf = Buffer.allocUnsafe(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /** Bytes allocated (and reserved). */
  get capacity(): number {
    return this.#buf.length;
  }

  /** Copies `chunk` in; throws the 413 past the limits, BudgetExceeded when growth is refused. */
  append(chunk: Uint8Array): void {
    const needed = this.#length + chunk.length;
    if (needed > this.#buf.length) this.#grow(needed);
    this.#buf.set(chunk, this.#length);
    this.#length = needed;
  }

  /** The body so far (a view, not a copy). */
  bytes(): Buffer {
    return this.#buf.subarray(0, this.#length);
  }

  #grow(needed: number): void {
    const { maxBytes } = this.limits;
    if (this.exact || needed > maxBytes) throw this.limits.tooLarge(needed);
    const capacity = Math.min(maxBytes, Math.max(needed, this.#buf.length * 2));
    if (!this.limits.reserve(capacity - this.#buf.length)) throw new BudgetExceeded(this.limits.budgetMessage);
    const grown = Buffer.allocUnsafe(capacity);
    grown.set(this.bytes());
    this.#buf = grown;
  }
}

/**
 * Reads `stream` to its end into `body`. Rejects with what `append` throws (the stream is then left unread,
 * for the caller to close the connection), the stream's error, or a 499 when it closes before its end.
 */
export function readInto(stream: Readable, body: BodyBuffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const fail = (error: unknown) => {
      cleanup();
      stream.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      try {
        body.append(chunk);
      } catch (error) {
        fail(error);
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(body.bytes());
    };
    const onError = (error: Error) => fail(error);
    const onClose = () => fail(new ApiError(499, 'CLIENT_CLOSED', 'the sender closed the connection before the body ended'));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
