/**
 * Paging on the service's /metrics: outbox depth, age of the oldest undelivered event, refused events,
 * failed attempts by reason, events decided and sent. The age is computed at scrape time from the last
 * outbox reading, so it keeps growing while PagerDuty is down even between sender runs.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { PAGING_METRICS as M } from '../../core/conventions/metrics.js';
import type { FailureReason } from './events-client.js';
import type { EventAction, OutboxStats } from './paging-types.js';

export interface PagingMetrics {
  sendFailures: Counter<'reason'>;
  eventsSent: Counter<'action'>;
  eventsDecided: Counter<'action'>;
  openPages: Gauge;
  resolvesHeldBack: Counter;
  observeOutbox(stats: OutboxStats): void;
  failure(reason: FailureReason): void;
  sent(action: EventAction): void;
}

export function createPagingMetrics(registry: Registry, clock: () => Date): PagingMetrics {
  const registers = [registry];
  let oldestPendingAt: Date | null = null;
  const depth = new Gauge({ name: M.outboxDepth, help: 'PagerDuty events in the outbox waiting to be delivered.', registers });
  const failed = new Gauge({ name: M.outboxFailed, help: 'PagerDuty events refused (4xx), kept in the outbox as failed with the answer.', registers });
  new Gauge({
    name: M.oldestPendingAge,
    help: 'Seconds since the oldest undelivered PagerDuty event was decided; 0 when none waits.',
    registers,
    collect() {
      this.set(oldestPendingAt ? Math.max(0, (clock().getTime() - oldestPendingAt.getTime()) / 1000) : 0);
    },
  });
  const sendFailures = new Counter({ name: M.sendFailures, help: 'Failed PagerDuty delivery attempts, by reason.', labelNames: ['reason'], registers });
  const eventsSent = new Counter({ name: M.eventsSent, help: 'PagerDuty events accepted (2xx), by action.', labelNames: ['action'], registers });
  const eventsDecided = new Counter({ name: M.eventsDecided, help: 'PagerDuty events decided by the paging policy and written to the outbox, by action.', labelNames: ['action'], registers });
  const openPages = new Gauge({ name: M.openPages, help: 'Pages triggered and not resolved yet.', registers });
  const resolvesHeldBack = new Counter({
    name: M.resolvesHeldBack,
    help: 'Open pages an evaluation kept instead of resolving: their SLO is missing from the leader\'s catalog, which is older than the catalog the page was raised under.',
    registers,
  });
  // Zero series from the start, so alerts on rate() see the first failure.
  for (const reason of ['rate_limited', 'server_error', 'network', 'rejected', 'no_routing_key'] as const) sendFailures.inc({ reason }, 0);
  for (const action of ['trigger', 'resolve'] as const) {
    eventsSent.inc({ action }, 0);
    eventsDecided.inc({ action }, 0);
  }
  return {
    sendFailures,
    eventsSent,
    eventsDecided,
    openPages,
    resolvesHeldBack,
    observeOutbox(stats) {
      depth.set(stats.pending);
      failed.set(stats.failed);
      oldestPendingAt = stats.oldestPendingAt;
    },
    failure: (reason) => sendFailures.inc({ reason }),
    sent: (action) => eventsSent.inc({ action }),
  };
}
