/**
 * The `otlp` section: limits of the OTLP/HTTP trace receiver (POST /v1/traces), so one sender, or a hostile
 * body, cannot take the service's memory or event loop, and an optional bearer token senders must show.
 */
import { z } from 'zod';
import { durationMs } from './config-fields.js';

const MiB = 1024 * 1024;

export const otlpConfigSchema = z.strictObject({
  /** Largest request body, as sent and again after gunzip; larger ones answer 413. */
  maxBodyBytes: z.number().int().min(1024).max(256 * MiB).default(16 * MiB),
  /** Spans decoded per request; the rest are dropped and reported back as OTLP partial success. */
  maxSpansPerRequest: z.number().int().positive().default(50_000),
  /** Requests being received or decoded at once; more answer 503 with Retry-After. */
  maxConcurrentRequests: z.number().int().positive().max(1024).default(4),
  /**
   * Body bytes all requests in progress may hold together (as sent, and inflated); a request whose
   * Content-Length does not fit answers 503 with Retry-After before its body is read. Unset: twice
   * maxBodyBytes (two of the largest bodies, or one gzip body and its inflated form). At least that much.
   */
  maxInFlightBodyBytes: z.number().int().max(4096 * MiB).optional(),
  /** The Retry-After of those 503s. */
  retryAfter: durationMs({ example: '"1s" or "30s"' }).default(1_000),
  /** A request body must have arrived by then, or the connection is closed (a slow sender holds a slot). */
  receiveTimeout: durationMs({ example: '"30s" or "1m"' }).default(30_000),
  /** Longest route label (UTF-8 bytes); spans with longer routes count under route="other". */
  maxRouteLength: z.number().int().min(16).max(1024).default(128),
  /** File holding the token senders must send as `Authorization: Bearer <token>`; unset: no token needed. */
  bearerTokenFile: z.string().min(1).optional(),
}).check((ctx) => {
  const { maxInFlightBodyBytes, maxBodyBytes } = ctx.value;
  // Less would leave a gzip body of maxBodyBytes that inflates to maxBodyBytes refused (503) forever.
  if (maxInFlightBodyBytes !== undefined && maxInFlightBodyBytes < 2 * maxBodyBytes) {
    ctx.issues.push({
      code: 'custom',
      input: maxInFlightBodyBytes,
      path: ['maxInFlightBodyBytes'],
      message: `must be at least twice maxBodyBytes (${2 * maxBodyBytes}): a body as sent and inflated`,
    });
  }
});

export type OtlpConfig = z.output<typeof otlpConfigSchema>;

/** The in-flight body byte budget in force: maxInFlightBodyBytes, or twice maxBodyBytes. */
export function inFlightBodyBytes(config: Pick<OtlpConfig, 'maxBodyBytes' | 'maxInFlightBodyBytes'>): number {
  return config.maxInFlightBodyBytes ?? 2 * config.maxBodyBytes;
}
