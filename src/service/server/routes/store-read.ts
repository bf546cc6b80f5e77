/**
 * For the routes that need the database: an unreachable store answers 503 STORE_UNAVAILABLE with the
 * reason and Retry-After (the caller may retry; the budgets stay served from memory), not 500 "internal".
 */
import type { FastifyReply } from 'fastify';
import { classifyStoreError } from '../../store/store-errors.js';
import type { StoreHealth } from '../../store/store-health.js';
import { ApiError } from '../error-body.js';

/** A pool reconnect or a failover takes seconds; a minute would hide a short outage's end. */
export const STORE_RETRY_AFTER_SECONDS = 10;

export async function readStore<T>(reply: FastifyReply, health: StoreHealth, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const found = classifyStoreError(error);
    if (!found.unavailable) throw error;
    reply.log.warn({ err: error }, 'store unavailable');
    void reply.header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
    const { ok, since } = health.state();
    throw new ApiError(503, 'STORE_UNAVAILABLE', `the store is unavailable: ${found.reason}; the latest budgets are still served at /api/v1/slos`, {
      reason: found.reason,
      ...(ok === false && since ? { since: since.toISOString() } : {}),
      retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
    });
  }
}
