/**
 * Delivers one outbox event: a few quick attempts through p-retry (exponential backoff with jitter) for
 * 5xx, network errors and 429 without Retry-After; then the outcome is written back. 2xx → sent; other 4xx
 * → failed with PagerDuty's answer; still failing or a 429 with Retry-After → pending, with its next attempt
 * time stored, so the wait survives restarts. Nothing is dropped.
 */
import pRetry, { AbortError } from 'p-retry';
import { postEvent, type FailureReason, type SendOutcome } from './events-client.js';
import type { PagingMetrics } from './paging-metrics.js';
import type { OutboxEntry, PagingStore } from './paging-types.js';
import { backoffDelayMs } from './retry-timing.js';
import type { RoutingKeys } from './routing-keys.js';

export interface SenderLogger {
  /** Optional: LOG_LEVEL=debug lines. */
  debug?(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface DeliveryOptions {
  store: PagingStore;
  eventsUrl: string;
  routingKeys: Pick<RoutingKeys, 'keyFor'>;
  metrics: PagingMetrics;
  logger: SenderLogger;
  clock: () => Date;
  /** Per HTTP request. */
  timeoutMs: number;
  /** Quick retries within one delivery, before the event waits for a later pass. */
  retries: number;
  /** First backoff; doubles per attempt. */
  minDelayMs: number;
  /** Longest wait between attempts, and the cap on Retry-After. */
  maxDelayMs: number;
  random?: () => number;
  /** This sender's claim on the event, moved forward before each attempt so a live sender keeps it. */
  claim?: { owner: string; ms: number };
}

export type DeliveryResult = 'sent' | 'failed' | 'retrying';

/** p-retry waits stay short: long outages are the stored schedule's job. */
export const MAX_INLINE_DELAY_MS = 30_000;

class RetryableFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
  }
}

function describe(entry: OutboxEntry) {
  return { dedupKey: entry.dedupKey, action: entry.action, team: entry.team, slo: entry.sloId };
}

/** Another sender claimed the event after this one's claim ran out: it delivers, this one lets go. */
class ClaimLost extends Error {}

/** One POST; throws what p-retry should retry, returns anything final (or a 429 that says when to come back). */
async function attempt(o: DeliveryOptions, entry: OutboxEntry, routingKey: string, signal: AbortSignal): Promise<SendOutcome> {
  if (o.claim && !(await o.store.extendClaim(entry.id, o.claim.owner, new Date(o.clock().getTime() + o.claim.ms)))) {
    throw new AbortError(new ClaimLost(`claim on outbox event ${entry.id} lost to another sender`));
  }
  const outcome = await postEvent(o.eventsUrl, { routing_key: routingKey, ...entry.body }, { timeoutMs: o.timeoutMs, signal, now: o.clock });
  if (outcome.kind === 'sent') return outcome;
  o.metrics.failure(outcome.kind === 'rejected' ? 'rejected' : outcome.reason);
  if (outcome.kind === 'rejected' || outcome.retryAfterMs !== undefined) return outcome;
  throw new RetryableFailure(outcome.reason, outcome.message);
}

async function retryLater(o: DeliveryOptions, entry: OutboxEntry, attempts: number, failure: RetryableFailure, waitMs?: number): Promise<DeliveryResult> {
  const delay = waitMs ?? backoffDelayMs(attempts, o, (o.random ?? Math.random)());
  const nextAttemptAt = new Date(o.clock().getTime() + Math.max(1, delay));
  await o.store.markRetry(entry.id, { attempts, nextAttemptAt, error: failure.message });
  o.logger.warn({ ...describe(entry), attempts, reason: failure.reason, error: failure.message, nextAttemptAt }, 'PagerDuty event not delivered; kept in the outbox for retry');
  return 'retrying';
}

export async function deliverEvent(o: DeliveryOptions, entry: OutboxEntry, signal: AbortSignal): Promise<DeliveryResult> {
  const routing = await o.routingKeys.keyFor(entry.team);
  if ('error' in routing) {
    o.metrics.failure('no_routing_key');
    return retryLater(o, entry, entry.attempts + 1, new RetryableFailure('no_routing_key', routing.error));
  }
  let attempts = entry.attempts;
  let outcome: SendOutcome;
  try {
    outcome = await pRetry(
      () => {
        attempts++;
        return attempt(o, entry, routing.key, signal);
      },
      {
        retries: o.retries,
        minTimeout: o.minDelayMs,
        maxTimeout: Math.min(o.maxDelayMs, MAX_INLINE_DELAY_MS),
        factor: 2,
        randomize: true,
        signal,
        onFailedAttempt: (error) => {
          if (error.retriesLeft > 0) o.logger.warn({ ...describe(entry), attempts, error: error.message, retriesLeft: error.retriesLeft }, 'PagerDuty delivery attempt failed; retrying');
        },
      },
    );
  } catch (error) {
    if (error instanceof RetryableFailure) return retryLater(o, entry, attempts, error);
    if (error instanceof ClaimLost) {
      o.logger.warn({ ...describe(entry), attempts }, 'another sender took this PagerDuty event over; leaving it to that sender');
      return 'retrying';
    }
    // Stopped mid-delivery, or an unexpected error: the event stays pending and is due at once.
    await o.store.markRetry(entry.id, { attempts, nextAttemptAt: o.clock(), error: (error as Error).message });
    if (signal.aborted) return 'retrying';
    throw error;
  }
  if (outcome.kind === 'sent') {
    await o.store.markSent(entry.id, { attempts, at: o.clock() });
    o.metrics.sent(entry.action);
    o.logger.info({ ...describe(entry), attempts }, 'PagerDuty event delivered');
    return 'sent';
  }
  if (outcome.kind === 'rejected') {
    await o.store.markFailed(entry.id, { attempts, at: o.clock(), error: outcome.message });
    o.logger.error({ ...describe(entry), attempts, status: outcome.status, response: outcome.message }, 'PagerDuty refused the event; it stays in the outbox as failed');
    return 'failed';
  }
  // A 429 with Retry-After: wait as told (up to maxDelay), in the database rather than in this process.
  return retryLater(o, entry, attempts, new RetryableFailure(outcome.reason, outcome.message), Math.min(outcome.retryAfterMs ?? 0, o.maxDelayMs));
}
