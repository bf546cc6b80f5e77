/**
 * The synthetic workload as a scrape target: GET /metrics serves counters, histograms and probe gauges
 * for every SLO of the catalog, advanced every second; trace SLIs get spans sent to the service.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Slo } from '../core/model/slo.js';
import { SpanEmitter } from './span-emitter.js';
import { DEFAULT_TRAFFIC, type TrafficOptions } from './workload-traffic.js';
import { workloadPlan, type PlanItem } from './workload-plan.js';
import { WorkloadState } from './workload-state.js';

export interface WorkloadOptions {
  slos: readonly Slo[];
  host?: string;
  port?: number;
  /** OTLP traces endpoint for trace SLIs; without it their spans are not sent. */
  otlpTracesUrl?: string;
  traffic?: TrafficOptions;
  clock?: () => Date;
  tickMs?: number;
}

export interface RunningWorkload {
  url: string;
  plan: PlanItem[];
  stop(): Promise<void>;
}

export async function startWorkload(options: WorkloadOptions): Promise<RunningWorkload> {
  const clock = options.clock ?? (() => new Date());
  const plan = workloadPlan(options.slos);
  const startedAt = clock();
  const state = new WorkloadState(plan, startedAt, options.traffic ?? DEFAULT_TRAFFIC);
  const emitter = options.otlpTracesUrl ? new SpanEmitter(options.otlpTracesUrl) : undefined;
  let last = startedAt;
  const tick = () => {
    const now = clock();
    const spans = state.advance(now, (now.getTime() - last.getTime()) / 1000);
    last = now;
    emitter?.emit(spans, now);
  };
  const timer = setInterval(tick, options.tickMs ?? 1000);
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(state.exposition());
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('the burnrate workload serves /metrics only\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    plan,
    async stop() {
      clearInterval(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emitter?.close();
    },
  };
}
