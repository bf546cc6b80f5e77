/**
 * Shared fixture of the service benchmarks: a catalog of N SLOs (rolling 30d/28d/7d and calendar months,
 * a fifth grouped by route) and K real Prometheus servers whose TSDBs hold 30 days of the recorded count
 * series (five-minute counts at `sampleSeconds`), backfilled once with promtool and copied per cluster.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CompiledCatalog } from '../src/core/catalog/compiled-catalog.js';
import { compileCatalog } from '../src/toolkit/generate/compile-catalog.js';
import type { SloInput, SloSetInput } from '../src/toolkit/sdk/types.js';
import { validateDocuments } from '../src/toolkit/validate/validate-documents.js';
import { RECORDED } from '../src/core/conventions/metrics.js';
import { parseDurationMs } from '../src/core/model/duration.js';
import { startPrometheus, type PrometheusServer } from '../test/service/support/prometheus-server.js';
import { createBlocks } from './lib/create-blocks.js';
import { benchPrometheus } from './lib/prometheus-binaries.js';
import { OpenMetricsWriter } from './lib/openmetrics.js';

export interface ServiceFixture {
  catalog: CompiledCatalog;
  clusters: { name: string; url: string }[];
  /** Evaluation time: just after the last backfilled sample. */
  at: Date;
  samples: number;
  dir: string;
  stop(): Promise<void>;
}

function sloInput(i: number): SloInput {
  const window = i % 10 === 9 ? { calendar: 'month' as const, timeZone: 'Europe/Berlin' } : (['30d', '30d', '28d', '7d'] as const)[i % 4];
  return {
    objective: 99.5,
    window,
    ...(i % 5 === 0 ? { groupBy: ['route'] } : {}),
    sli: { kind: 'ratio', errors: `http_requests_total{job="svc-${i}",code=~"5.."}`, total: `http_requests_total{job="svc-${i}"}` },
  };
}

export function benchCatalog(slos: number): CompiledCatalog {
  const sets: SloSetInput[] = [];
  for (let s = 0; s * 100 < slos; s++) {
    const entries: Record<string, SloInput> = {};
    for (let i = s * 100; i < Math.min(slos, (s + 1) * 100); i++) entries[`slo-${i}`] = sloInput(i);
    sets.push({ service: `svc${s}`, team: 'bench', slos: entries });
  }
  const result = validateDocuments([{ file: 'bench.slo.ts', format: 'typescript', sets, problems: [] }]);
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return compileCatalog(result.slos);
}

const SLOT_SECONDS = 300;

interface Group {
  slo: string;
  labels: Record<string, string>;
  windows: number[];
}

/** Cheap deterministic counts: a diurnal wave and an incident now and then; exact values do not matter here. */
function counts(g: number, t: number, seconds: number): { good: number; total: number } {
  const perSecond = 3 + 2 * Math.sin((t / 86_400) * 2 * Math.PI + g);
  const total = Math.round(perSecond * seconds);
  const bad = Math.round(total * (Math.floor(t / 3600 + g) % 37 === 0 ? 0.2 : 0.002));
  return { good: total - bad, total };
}

/** Streams the recorded series to OpenMetrics (families written together) and turns them into blocks. */
async function writeBlocks(file: string, dataDir: string, groups: readonly Group[], end: number, days: number, sampleSeconds: number): Promise<number> {
  const writer = new OpenMetricsWriter(file);
  for (const [name, field] of [[RECORDED.goodEvents, 'good'], [RECORDED.totalEvents, 'total']] as const) {
    for (const [g, group] of groups.entries()) {
      const samples = function* (): Generator<[number, number]> {
        for (let t = end - days * 86_400 + sampleSeconds; t <= end; t += sampleSeconds) yield [t, counts(g, t, SLOT_SECONDS)[field]];
      };
      await writer.series(name, { ...group.labels, window: '5m' }, samples());
      for (const seconds of group.windows) {
        const recent: [number, number][] = [end - 600, end - 300, end].map((t) => [t, counts(g, t, seconds)[field]]);
        await writer.series(name, { ...group.labels, window: formatWindow(seconds) }, recent);
      }
    }
  }
  await writer.close();
  await createBlocks(file, dataDir);
  return writer.samples;
}

const windowText = new Map<number, string>();
function formatWindow(seconds: number): string {
  return windowText.get(seconds) ?? String(seconds);
}

export async function startServiceFixture(options: { slos: number; clusters: number; sampleSeconds: number; log: (line: string) => void }): Promise<ServiceFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'burnrate-bench-service-'));
  const catalog = benchCatalog(options.slos);
  const groups: Group[] = catalog.slos.flatMap((slo) => {
    const windows = [...new Set(slo.alertWindows.flatMap((w) => [w.longWindow, w.shortWindow]))].filter((w) => w !== '5m');
    const seconds = windows.map((w) => {
      const s = (parseDurationMs(w) ?? 0) / 1000;
      windowText.set(s, w);
      return s;
    });
    const labelSets = slo.groupBy.length > 0 ? [{ route: '/a' }, { route: '/b' }, { route: '/c' }] : [{}];
    return labelSets.map((labels) => ({ slo: slo.id, labels: { slo: slo.id, ...labels }, windows: seconds }));
  });
  const end = Math.floor(Date.now() / 1000 / SLOT_SECONDS) * SLOT_SECONDS;
  const started = Date.now();
  const samples = await writeBlocks(path.join(dir, 'series.om'), path.join(dir, 'c0'), groups, end, 31, options.sampleSeconds);
  await rm(path.join(dir, 'series.om'));
  options.log(`backfilled ${groups.length} groups, ${samples} samples in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const servers: PrometheusServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let c = 0; c < options.clusters; c++) {
      const dataDir = path.join(dir, `c${c}`);
      if (c > 0) await cp(path.join(dir, 'c0'), dataDir, { recursive: true });
      servers.push(await startPrometheus(dataDir, { binary: benchPrometheus() }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    catalog,
    clusters: servers.map((s, c) => ({ name: `cluster-${c}`, url: s.url })),
    at: new Date((end + 30) * 1000),
    samples,
    dir,
    stop,
  };
}

