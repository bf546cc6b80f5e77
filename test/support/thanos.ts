/**
 * Real Thanos (built by bin/setup-stack-tools): a sidecar next to each Prometheus, and Thanos Query over the
 * sidecars' gRPC Store API, all on free 127.0.0.1 ports. The sidecar only proxies (no object storage), so
 * it serves everything the Prometheus TSDB holds, backfilled blocks included.
 */
import { freePort } from './ports.js';
import { startProcess, waitFor, type RunningProcess } from './processes.js';
import { stackTool } from './stack-tools.js';

export interface ThanosComponent {
  /** http://127.0.0.1:<port> of its HTTP server (Query: the Prometheus-compatible API). */
  url: string;
  /** 127.0.0.1:<port> of its gRPC Store API. */
  grpc: string;
  process: RunningProcess;
  stop: () => Promise<void>;
}

export function thanosBinary(): string {
  return stackTool('thanos', 'thanos');
}

async function start(args: (http: string, grpc: string) => string[], what: string): Promise<ThanosComponent> {
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  const http = `127.0.0.1:${httpPort}`;
  const grpc = `127.0.0.1:${grpcPort}`;
  const process = startProcess(thanosBinary(), args(http, grpc));
  const url = `http://${http}`;
  await waitFor(`${what} ready`, async () => (await fetch(`${url}/-/ready`)).ok, 60_000, process.output);
  return { url, grpc, process, stop: process.stop };
}

/** `thanos sidecar` for one Prometheus (which must have external labels) and its TSDB directory. */
export function startSidecar(prometheusUrl: string, tsdbDir: string): Promise<ThanosComponent> {
  return start(
    (http, grpc) => ['sidecar', `--prometheus.url=${prometheusUrl}`, `--tsdb.path=${tsdbDir}`, `--grpc-address=${grpc}`, `--http-address=${http}`, '--log.level=warn'],
    'thanos sidecar',
  );
}

/**
 * `thanos query` over Store API endpoints, deduplicating HA replicas by `replicaLabel`. Endpoints are strict
 * (kept while unhealthy), so a store that stops answering turns into a partial-response warning instead of
 * silently leaving the set; Burnrate must handle both.
 */
export async function startQuery(endpoints: readonly string[], options: { replicaLabel: string }): Promise<ThanosComponent> {
  return start(
    (http, grpc) => [
      'query',
      `--http-address=${http}`,
      `--grpc-address=${grpc}`,
      ...endpoints.map((e) => `--endpoint-strict=${e}`),
      `--query.replica-label=${options.replicaLabel}`,
      '--log.level=warn',
    ],
    'thanos query',
  );
}
