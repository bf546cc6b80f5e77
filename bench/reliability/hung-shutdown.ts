/**
 * Shutdown with a misbehaving cluster: the service's one cluster either accepts connections and never
 * answers ("hung"), or answers a vector that never ends, as fast as it is read ("endless"). SIGTERM arrives
 * `afterMs` after the first query reached the cluster (mid-evaluation); measured: seconds until the process
 * has exited, and its peak RSS (VmHWM) over its whole life. Evaluation every 10 s (deadline 8 s), per-query
 * timeout 10 s, answers capped at the default 32 MiB.
 */
import path from 'node:path';
import { endlessVector, hang, startCluster } from '../../test/service/collect/misbehaving-cluster.js';
import { catalogOf, writeCatalog } from '../../test/service/support/test-catalog.js';
import { startServe, watchMemory, within, type Launcher, type ServeProcess } from './support.js';

export interface ShutdownResult {
  exitSeconds: number;
  exitCode: number | null;
  peakRssMb: number;
}

const catalog = catalogOf([
  {
    service: 'shop',
    team: 'web',
    slos: {
      availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'req_total{code="500"}', total: 'req_total' } },
      latency: { objective: 99, groupBy: ['route'], sli: { kind: 'latency', histogram: 'lat_seconds', threshold: '300ms' } },
    },
  },
]);

export async function runHungShutdown(launcher: Launcher, dir: string, kind: 'hung' | 'endless', afterMs: number): Promise<ShutdownResult> {
  const catalogFile = path.join(dir, 'catalog.json');
  await writeCatalog(catalogFile, catalog);
  const cluster = await startCluster(kind === 'hung' ? hang : endlessVector);
  let serve: ServeProcess | undefined;
  try {
    serve = await startServe(launcher, {
      name: kind,
      dir,
      config: {
        catalog: { path: catalogFile, watch: false },
        clusters: [{ name: kind, url: cluster.url }],
        evaluation: { interval: '10s' },
        store: { sqlitePath: path.join(dir, `${kind}.db`) },
        log: { level: 'info' },
      },
    });
    const memory = watchMemory(serve.pid, 50);
    const first = await within(cluster.nextRequest(), 30_000);
    if (!first) throw new Error('no query reached the cluster within 30 s');
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    const termAt = performance.now();
    serve.signal('SIGTERM');
    const killTimer = setTimeout(() => serve?.signal('SIGKILL'), 60_000);
    const exit = await serve.exited;
    clearTimeout(killTimer);
    const { peakMb } = memory.stop();
    return { exitSeconds: (exit.at - termAt) / 1000, exitCode: exit.signal === 'SIGKILL' ? null : exit.code, peakRssMb: peakMb };
  } finally {
    await serve?.stop();
    await cluster.close();
  }
}
