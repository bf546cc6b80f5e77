/** When to try an event again. Pure: `now` and the random draw are parameters. */

export interface BackoffOptions {
  /** Wait after the first failed delivery; doubles with every further failed attempt. */
  minDelayMs: number;
  /** Longest wait between deliveries, also the cap on a server's Retry-After. */
  maxDelayMs: number;
}

/**
 * Exponential backoff with jitter: min × 2^(attempts − 1), capped, then scaled by a random factor in
 * [0.5, 1) so many pending events (or replicas) do not retry in lockstep.
 */
export function backoffDelayMs(attempts: number, options: BackoffOptions, random: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const capped = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** exponent);
  return Math.round(capped * (0.5 + Math.min(Math.max(random, 0), 1) / 2));
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
