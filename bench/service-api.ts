/**
 * API latency of the service under load (autocannon, 127.0.0.1, bounded: 10 connections × 10 s per
 * route) with 1,000 evaluated SLOs × 3 clusters; Prometheus' own instant-query API over the same
 * recorded series runs side by side as the peer. Prints median and p99 latency and throughput.
 *
 *   npx jiti bench/service-api.ts [--slos 1000] [--clusters 3] [--seconds 10] [--connections 10]
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { configSchema } from '../src/service/config/config-schema.js';
import { startService } from '../src/service/server/start-service.js';
import { fixed, table } from './lib/markdown.js';
import { startServiceFixture } from './service-fixture.js';

const { values } = parseArgs({
  options: {
    slos: { type: 'string', default: '1000' },
    clusters: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
// Hourly samples are enough here: the API serves evaluated snapshots, not PromQL.
const fixture = await startServiceFixture({ slos: Number(values.slos), clusters: Number(values.clusters), sampleSeconds: 3600, log });
const catalogFile = path.join(fixture.dir, 'catalog.json');
await writeFile(catalogFile, JSON.stringify(fixture.catalog));
const now = { value: fixture.at };
const service = await startService({
  config: configSchema.parse({
    server: { host: '127.0.0.1', port: 0 },
    catalog: { path: catalogFile, watch: false },
    clusters: fixture.clusters,
    store: { sqlitePath: path.join(fixture.dir, 'api.db') },
  }),
  clock: () => now.value,
  logger: pino({ level: 'silent' }),
  schedule: false,
});

async function load(title: string, url: string) {
  const result = await autocannon({ url, connections: Number(values.connections), duration: Number(values.seconds) });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const bytes = (await (await fetch(url)).arrayBuffer()).byteLength;
  return [title, `${(bytes / 1024).toFixed(0)} KiB`, fixed(result.latency.p50, 1, ' ms'), fixed(result.latency.p99, 1, ' ms'), fixed(result.requests.average, 0)];
}

try {
  // Ten evaluations a minute apart: the history route has points to return.
  for (let i = 0; i < 10; i++) {
    await service.evaluator.evaluate();
    now.value = new Date(now.value.getTime() + 60_000);
  }
  const grouped = fixture.catalog.slos.find((s) => s.groupBy.length > 0)!.id;
  const base = service.url;
  const rows = [
    await load('GET /healthz', `${base}/healthz`),
    await load(`GET /api/v1/slos (${fixture.catalog.slos.length} SLOs)`, `${base}/api/v1/slos`),
    await load('GET /api/v1/slos/:id (3 groups, 3 clusters)', `${base}/api/v1/slos/${grouped}`),
    await load('GET /api/v1/slos/:id/history (10 points)', `${base}/api/v1/slos/${grouped}/history?from=${fixture.at.toISOString()}&to=${now.value.toISOString()}`),
    await load('GET /metrics (per-SLO gauges)', `${base}/metrics`),
    await load(
      'peer: Prometheus /api/v1/query, all 1h total counts',
      `${fixture.clusters[0]!.url}/api/v1/query?query=${encodeURIComponent('burnrate:slo_total_events{window="1h"}')}&time=${fixture.at.getTime() / 1000}`,
    ),
  ];
  process.stdout.write(`${fixture.catalog.slos.length} SLOs × ${fixture.clusters.length} clusters, ${values.connections} connections × ${values.seconds} s per route on 127.0.0.1:\n\n`);
  process.stdout.write(`${table(['route', 'response', 'median latency', 'p99 latency', 'requests/s'], rows)}\n`);
} finally {
  await service.close();
  await fixture.stop();
}
