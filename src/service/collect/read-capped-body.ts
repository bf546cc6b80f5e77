/**
 * Reads a response body without ever holding more than `limit` bytes: a cluster that streams an endless or
 * huge answer costs at most the cap, never the process.
 */
import type { Readable } from 'node:stream';

export interface CappedBody {
  text: string;
  /** False when the body went past `limit` and reading stopped there (the rest was never read). */
  complete: boolean;
}

/**
 * `partial: false`: a body past the limit comes back as empty text, not decoded: a caller that drops such an
 * answer would otherwise briefly hold the limit three times over (chunks, their concatenation, the string).
 */
export async function readCappedBody(body: Readable, limit: number, options: { partial?: boolean } = {}): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early destroys the stream, and with it the connection: nothing more is received.
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = limit - size;
    if (chunk.length > room) {
      if (options.partial === false) return { text: '', complete: false };
      if (room > 0) chunks.push(chunk.subarray(0, room));
      return { text: Buffer.concat(chunks).toString('utf8'), complete: false };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: Buffer.concat(chunks, size).toString('utf8'), complete: true };
}

/** 33554432 → "32MiB", for messages that name a cap. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes} bytes`;
}
