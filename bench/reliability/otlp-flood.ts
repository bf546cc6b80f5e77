/**
 * OTLP flood: `senders` clients each post maximum-size (16 MiB, the default otlp.maxBodyBytes) hostile
 * protobuf bodies back to back for `seconds`, turning to the next shape after each answer (8 million empty
 * spans; one span of 8 million unknown fields; spans with long names). A 503 (the receiver's concurrency
 * limit or its in-flight body byte budget, answered before the body is read) is retried after 100 ms, not
 * after its Retry-After. Meanwhile: the server's RSS from /proc, its
 * event-loop delay p99 from its own /metrics (prom-client resets the histogram at every scrape, so each
 * scrape gives the p99 of the last second; it includes the 10 ms sampling interval), and /healthz latency
 * measured by the client. The same is measured for `idleSeconds` before the flood, as the machine's baseline.
 */
import http from 'node:http';
import path from 'node:path';
import { emptySpansProtobuf, longNamesProtobuf, manyFieldsProtobuf } from '../../test/support/hostile-otlp.js';
import { catalogOf, writeCatalog } from '../../test/service/support/test-catalog.js';
import { quantile, sleep, startServe, watchMemory, type Launcher, type ServeProcess } from './support.js';

export interface FloodResult {
  peakRssMb: number;
  /** Highest one-second event-loop delay p99 the service reported. */
  loopP99Ms: number;
  healthzP99Ms: number;
  /** The same two, measured on the idle service just before the flood: what the machine alone costs. */
  idleLoopP99Ms: number;
  idleHealthzP99Ms: number;
  requests: Record<string, number>;
  acceptedMiB: number;
}

const catalog = catalogOf([
  {
    service: 'search',
    team: 'discovery',
    slos: { requests: { objective: 99, groupBy: ['route'], sli: { kind: 'traces', service: 'search-api', latencyThreshold: '1s' } } },
  },
]);

let bodies: Buffer[] | undefined;
function hostileBodies(): Buffer[] {
  bodies ??= [emptySpansProtobuf(), manyFieldsProtobuf(), longNamesProtobuf('search-api', { nameBytes: 200 })];
  return bodies;
}

/** One POST; resolves with the status, or 0 when the connection failed. */
function post(url: string, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number) => {
      if (!settled) resolve(status);
      settled = true;
    };
    const request = http.request(`${url}/v1/traces`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/x-protobuf', 'content-length': String(body.length) },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => done(response.statusCode ?? 0));
      response.on('error', () => done(response.statusCode ?? 0));
      // A refusal comes before the body is read: stop sending it.
      if (response.statusCode !== 200) request.destroy();
    });
    request.on('error', () => done(0));
    request.end(body);
  });
}

async function loopLagP99(serve: ServeProcess): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${serve.url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    const value = /^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1];
    return value === undefined ? undefined : Number(value) * 1000;
  } catch {
    return undefined;
  }
}

/** /healthz latencies (every 100 ms) and the service's one-second loop-delay p99s until `end`. */
async function observe(serve: ServeProcess, end: number): Promise<{ healthz: number[]; lags: number[] }> {
  const healthz: number[] = [];
  const lags: number[] = [];
  const prober = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      try {
        await fetch(`${serve.url}/healthz`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.text());
      } catch {
        // counted at the time it took
      }
      healthz.push(performance.now() - started);
      await sleep(100);
    }
  };
  const scraper = async () => {
    await loopLagP99(serve); // resets the histogram
    while (performance.now() < end) {
      await sleep(1000);
      const lag = await loopLagP99(serve);
      if (lag !== undefined) lags.push(lag);
    }
  };
  await Promise.all([prober(), scraper()]);
  return { healthz, lags };
}

export async function runOtlpFlood(launcher: Launcher, dir: string, options: { senders: number; seconds: number; idleSeconds: number }): Promise<FloodResult> {
  const catalogFile = path.join(dir, 'catalog.json');
  await writeCatalog(catalogFile, catalog);
  const shapes = hostileBodies();
  const serve = await startServe(launcher, {
    name: 'otlp',
    dir,
    config: { catalog: { path: catalogFile, watch: false }, store: { sqlitePath: path.join(dir, 'burnrate.db') }, log: { level: 'warn' } },
  });
  try {
    await sleep(1000);
    const idle = await observe(serve, performance.now() + options.idleSeconds * 1000);
    const memory = watchMemory(serve.pid);
    const requests: Record<string, number> = {};
    let accepted = 0;
    const end = performance.now() + options.seconds * 1000;
    const sender = async (index: number) => {
      for (let n = index; performance.now() < end; n++) {
        const body = shapes[n % shapes.length] as Buffer;
        const status = await post(serve.url, body);
        requests[status] = (requests[status] ?? 0) + 1;
        if (status === 200) accepted += body.length;
        else await sleep(100);
      }
    };
    const [flood] = await Promise.all([observe(serve, end), ...Array.from({ length: options.senders }, (_, i) => sender(i))]);
    const { peakMb } = memory.stop();
    return {
      peakRssMb: peakMb,
      loopP99Ms: Math.max(...flood.lags),
      healthzP99Ms: quantile(flood.healthz, 0.99),
      idleLoopP99Ms: Math.max(...idle.lags),
      idleHealthzP99Ms: quantile(idle.healthz, 0.99),
      requests,
      acceptedMiB: accepted / 2 ** 20,
    };
  } finally {
    await serve.stop();
  }
}
