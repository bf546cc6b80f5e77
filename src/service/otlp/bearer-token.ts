/**
 * The token OTLP senders must show (`Authorization: Bearer <token>`), read from a file such as a mounted
 * Kubernetes Secret. Read at start-up (a missing or empty file stops the service), then again in the
 * background at most every REREAD_MS, so a rotated Secret takes effect without a restart.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const REREAD_MS = 30_000;

const digest = (text: string) => createHash('sha256').update(text).digest();

function tokenOf(text: string, file: string): string {
  const token = text.trim();
  if (token === '') throw new Error(`otlp.bearerTokenFile ${file} is empty`);
  return token;
}

export class BearerToken {
  #expected: Buffer;
  #readAt: number;
  #rereading = false;

  constructor(
    readonly file: string,
    private readonly onRereadFailed: (error: Error) => void,
    private readonly now: () => number = Date.now,
  ) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`otlp.bearerTokenFile ${file}: cannot read: ${(error as Error).message}`);
    }
    this.#expected = digest(tokenOf(text, file));
    this.#readAt = this.now();
  }

  /** Whether an Authorization header carries the token; compared in constant time (as SHA-256 digests). */
  accepts(authorization: string | undefined): boolean {
    this.#rereadIfStale();
    const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
    return match !== null && timingSafeEqual(digest(match[1] as string), this.#expected);
  }

  #rereadIfStale(): void {
    if (this.#rereading || this.now() - this.#readAt < REREAD_MS) return;
    this.#rereading = true;
    readFile(this.file, 'utf8')
      .then((text) => void (this.#expected = digest(tokenOf(text, this.file))))
      // The last token read stays in force.
      .catch((error: Error) => this.onRereadFailed(error))
      .finally(() => {
        this.#readAt = this.now();
        this.#rereading = false;
      });
  }
}
