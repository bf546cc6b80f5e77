/**
 * A real outbox sender on a real store (SQLite or PostgreSQL) delivering to the local fake PagerDuty
 * Events v2 server, with an injected clock, a routing key file, collected logs and its own registry.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Registry } from 'prom-client';
import { PAGING_METRICS } from '../../../src/core/conventions/metrics.js';
import { OutboxSender } from '../../../src/service/paging/outbox-sender.js';
import { createPagingMetrics } from '../../../src/service/paging/paging-metrics.js';
import { decidePaging } from '../../../src/service/paging/paging-policy.js';
import { withPageHold } from './policy-simulation.js';
import type { PagingStore } from '../../../src/service/paging/paging-types.js';
import { RoutingKeys } from '../../../src/service/paging/routing-keys.js';
import type { FakePagerDutyEvents } from '../../support/fake-pagerduty-events.js';
import { availability, BURNING, catalog, HEALTHY, minutes, snapshot } from './paging-fixtures.js';

export const ROUTING_KEY = 'R0UT1NGKEY0PAYMENTS0000000000001';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  details: Record<string, unknown>;
  message: string;
}

export async function writeRoutingKey(dir: string, key = ROUTING_KEY): Promise<string> {
  const file = path.join(dir, 'payments.key');
  await writeFile(file, `${key}\n`);
  return file;
}

export interface SenderHarness {
  sender: OutboxSender;
  registry: Registry;
  logs: LogLine[];
  metric(name: keyof typeof PAGING_METRICS, labels?: Record<string, string>): Promise<number | undefined>;
}

export function makeSender(store: PagingStore, fake: Pick<FakePagerDutyEvents, 'url'>, keyFile: string | undefined, clock: () => Date, owner = 'test'): SenderHarness {
  const registry = new Registry();
  const logs: LogLine[] = [];
  const log = (level: LogLine['level']) => (details: object, message: string) => logs.push({ level, details: details as Record<string, unknown>, message });
  const sender = new OutboxSender({
    store,
    eventsUrl: fake.url,
    routingKeys: new RoutingKeys({ teams: keyFile ? { payments: { file: keyFile } } : {} }),
    metrics: createPagingMetrics(registry, clock),
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    clock,
    timeoutMs: 5000,
    retries: 2,
    minDelayMs: 1,
    maxDelayMs: 60_000,
    pollIntervalMs: 60_000,
    owner,
  });
  return {
    sender,
    registry,
    logs,
    async metric(name, labels = {}) {
      const values = (await registry.getSingleMetric(PAGING_METRICS[name])!.get()).values;
      return values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value))?.value;
    },
  };
}

/** Lets the real policy decide on a burning (or healthy) evaluation of checkout-availability and enqueue it. */
export async function evaluate(store: PagingStore, kind: 'burning' | 'clear', at: Date, holdMs = 0) {
  const snap = snapshot({ slo: availability, at, fill: kind === 'burning' ? BURNING : HEALTHY });
  const changes = decidePaging({ at, slos: catalog.slos.map((slo) => withPageHold(slo, holdMs)), snapshots: [snap], states: await store.pagingStates() });
  return store.applyPagingChanges(changes);
}

export { minutes };
