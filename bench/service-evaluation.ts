/**
 * Evaluation time of the service for 1,000 SLOs × 3 clusters against real Prometheus over 30 days of
 * backfilled recorded counts: the batched collectors (a few `slo=~"…"` queries per cluster) next to the
 * naive peer, one query per SLO and series as a per-SLO loop would send, with the same concurrency.
 * Also times the engine and the SQLite store on the result. Prints medians.
 *
 *   npx jiti bench/service-evaluation.ts [--slos 1000] [--clusters 3] [--runs 5] [--sample-seconds 300]
 */
import { parseArgs } from 'node:util';
import { collect } from '../src/service/collect/collector.js';
import { alertWindowsQuery, wholeWindowQuery } from '../src/service/collect/collect-queries.js';
import { mapLimit } from '../src/service/collect/map-limit.js';
import { PrometheusClient } from '../src/service/collect/prometheus-client.js';
import { computeSnapshot, windowRangeSeconds } from '../src/service/engine/index.js';
import type { Slo } from '../src/core/model/slo.js';
import { createStore } from '../src/service/store/create-store.js';
import { table, fixed } from './lib/markdown.js';
import { startServiceFixture } from './service-fixture.js';
import { median } from './lib/stats.js';

const { values } = parseArgs({
  options: {
    slos: { type: 'string', default: '1000' },
    clusters: { type: 'string', default: '3' },
    runs: { type: 'string', default: '5' },
    'sample-seconds': { type: 'string', default: '300' },
  },
});
const runs = Number(values.runs);
const options = { batchSize: 100, concurrency: 4, retries: 0 };
const log = (line: string) => process.stderr.write(`${line}\n`);

const fixture = await startServiceFixture({ slos: Number(values.slos), clusters: Number(values.clusters), sampleSeconds: Number(values['sample-seconds']), log });
const clients = await Promise.all(fixture.clusters.map((c) => PrometheusClient.create({ ...c, headers: {}, timeoutMs: 120_000 })));
const slos = fixture.catalog.slos as unknown as Slo[];

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
}

/** The peer: every SLO asked on its own, four queries per SLO and cluster. */
async function naive(at: Date): Promise<number> {
  let queries = 0;
  await Promise.all(
    clients.map((client) =>
      mapLimit(slos, options.concurrency, async (slo) => {
        const range = Math.max(1, Math.floor(windowRangeSeconds(slo, at)));
        for (const expr of [alertWindowsQuery('good', [slo.id]), alertWindowsQuery('total', [slo.id]), wholeWindowQuery('good', [slo.id], range), wholeWindowQuery('total', [slo.id], range)]) {
          await client.query(expr, at, { retries: 0 });
          queries++;
        }
      }),
    ),
  );
  return queries;
}

try {
  // One warm-up of each, so both read from Prometheus' page cache alike.
  const warm = await collect(clients, slos, windowRangeSeconds, fixture.at, options);
  await naive(fixture.at);
  const batched: number[] = [];
  const peer: number[] = [];
  let peerQueries = 0;
  for (let r = 0; r < runs; r++) {
    batched.push((await timed(() => collect(clients, slos, windowRangeSeconds, fixture.at, options))).ms);
    const n = await timed(() => naive(fixture.at));
    peer.push(n.ms);
    peerQueries = n.result;
  }
  const byId = new Map(slos.map((s) => [s.id, s]));
  const engine: number[] = [];
  for (let r = 0; r < runs; r++) {
    engine.push((await timed(async () => warm.observations.map((o) => computeSnapshot(byId.get(o.sloId)!, o, fixture.at)))).ms);
  }
  const snapshots = warm.observations.map((o) => computeSnapshot(byId.get(o.sloId)!, o, fixture.at));
  const store = createStore({ sqlitePath: `${fixture.dir}/bench.db` });
  await store.migrate();
  const save: number[] = [];
  for (let r = 0; r < runs; r++) save.push((await timed(() => store.saveSnapshots(snapshots))).ms);
  await store.close();

  const batchedQueries = warm.clusters.reduce((n, c) => n + c.queries, 0);
  const stale = warm.clusters.filter((c) => c.error).length;
  process.stdout.write(
    `${slos.length} SLOs (${warm.observations.length} observations incl. groups) × ${clients.length} clusters, ${fixture.samples} backfilled samples per cluster, ${runs} runs, median:\n\n`,
  );
  process.stdout.write(
    `${table(
      ['step', 'queries per evaluation', 'median', 'ratio'],
      [
        ['collect: Burnrate batched (slo=~ batches of 100, 4 in flight per cluster)', batchedQueries, fixed(median(batched), 0, ' ms'), '1.0×'],
        ['collect: naive per-SLO query loop (4 in flight per cluster)', peerQueries, fixed(median(peer), 0, ' ms'), `${fixed(median(peer) / median(batched), 1)}×`],
        ['engine: computeSnapshot for every observation', '–', fixed(median(engine), 1, ' ms'), '–'],
        ['store: saveSnapshots (SQLite, one transaction)', '–', fixed(median(save), 1, ' ms'), '–'],
      ],
    )}\n`,
  );
  if (stale > 0) process.stdout.write(`WARNING: ${stale} clusters stale during the run\n`);
} finally {
  await Promise.all(clients.map((c) => c.close()));
  await fixture.stop();
}
