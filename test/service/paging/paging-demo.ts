/**
 * Prints what docs/paging.md shows, from the real code: the example catalog (alerts/catalog.json), the
 * engine, the paging policy, the outbox on SQLite and the sender, delivering to the local fake PagerDuty
 * Events v2 that answers 500 twice first. Run: npx jiti test/service/paging/paging-demo.ts
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { loadCatalog } from '../../../src/service/catalog/load-catalog.js';
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import { burnRateWindows } from '../../../src/core/windows/burn-rate-windows.js';
import type { EventCounts } from '../../../src/service/engine/types.js';
import { pagingConfigSchema } from '../../../src/service/config/paging-config.js';
import { startPaging } from '../../../src/service/paging/start-paging.js';
import { createStore } from '../../../src/service/store/create-store.js';
import { createLogger } from '../../../src/service/telemetry/logger.js';
import { startFakePagerDutyEvents } from '../../support/fake-pagerduty-events.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { writeRoutingKey } from './sender-harness.js';

const temp = await makeTempDir('burnrate-paging-demo-');
const fake = await startFakePagerDutyEvents();
const logs: string[] = [];
const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk).trim()), done()) }));
const store = createStore({ sqlitePath: path.join(temp.dir, 'burnrate.db') }, logger);
await store.migrate();
let now = new Date('2025-06-15T12:00:00Z');
const clock = () => now;
const registry = new Registry();
const config = pagingConfigSchema.parse({ enabled: true, eventsUrl: fake.url, routingKeys: { payments: await writeRoutingKey(temp.dir) }, retries: 2, minRetryDelay: '1s' });
const paging = await startPaging({ config, store: store.paging, registry, logger, clock });
const catalog = await loadCatalog('alerts/catalog.json', now);
const slo = catalog.slos.find((s) => s.id === 'checkout-availability')!;

/** 30 days at 0.02% errors; the alert windows at `badShare` (the last hour of an incident). */
function evaluation(badShare: number) {
  const alertWindows: Record<string, EventCounts> = {};
  for (const { window, ms } of burnRateWindows(slo)) {
    const total = (ms / 300_000) * 10_000;
    const share = ms <= 3_600_000 ? badShare : 0.0002;
    alertWindows[window] = { good: total - Math.round(total * share), total };
  }
  const snapshot = computeSnapshot(slo, { sloId: slo.id, group: {}, clusters: [{ cluster: 'eu-west', status: 'ok', window: { good: 86_382_720, total: 86_400_000 }, alertWindows }] }, now);
  return { at: now, snapshots: [snapshot], catalog };
}

async function delivered(count: number): Promise<void> {
  while (fake.events.length < count) await new Promise((resolve) => setTimeout(resolve, 100));
}

fake.inject({ status: 500, body: { status: 'error', message: 'upstream unavailable' } }, 2);
await paging.afterEvaluation(evaluation(0.05));
await delivered(1);
console.log('=== trigger as received by the fake Events v2 (after two 500s) ===');
console.log(JSON.stringify(fake.events[0], null, 2));
console.log('=== requests', JSON.stringify(fake.requests.map((r) => r.status)));

now = new Date(now.getTime() + 60 * 60_000);
await paging.afterEvaluation(evaluation(0.0002));
now = new Date(now.getTime() + 5 * 60_000);
await paging.afterEvaluation(evaluation(0.0002));
await delivered(2);
console.log('=== resolve ===');
console.log(JSON.stringify(fake.events[1], null, 2));
console.log('=== outbox ===');
for (const e of await store.paging.outboxEntries()) console.log(JSON.stringify({ id: e.id, dedupKey: e.dedupKey, action: e.action, status: e.status, attempts: e.attempts, lastError: e.lastError }));
console.log('=== /metrics (paging) ===');
console.log((await registry.metrics()).split('\n').filter((l) => l.includes('burnrate_paging') && !l.startsWith('# HELP')).join('\n'));
console.log('=== logs ===');
for (const line of logs) console.log(line);

console.log('=== outage: PagerDuty answers 503 to everything ===');
logs.splice(0);
fake.inject({ status: 503, body: { status: 'error', message: 'service unavailable' } }, Infinity);
now = new Date(now.getTime() + 24 * 3_600_000);
await paging.afterEvaluation(evaluation(0.05));
while ((await store.paging.outboxEntries('pending'))[0]?.attempts !== 3) await new Promise((resolve) => setTimeout(resolve, 100));
await paging.sender.observe();
now = new Date(now.getTime() + 10 * 60_000);
for (const e of await store.paging.outboxEntries('pending')) console.log(JSON.stringify({ id: e.id, action: e.action, status: e.status, attempts: e.attempts, decidedAt: e.decidedAt, nextAttemptAt: e.nextAttemptAt, lastError: e.lastError }));
console.log((await registry.metrics()).split('\n').filter((l) => /^burnrate_paging_(outbox|send_failures_total\{reason="server)/.test(l)).join('\n'));
for (const line of logs.filter((l) => l.includes('kept in the outbox'))) console.log(line);

await paging.close();
await store.close();
await fake.close();
await temp.remove();
