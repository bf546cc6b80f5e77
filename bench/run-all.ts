/**
 * Every benchmark table in docs/benchmarks.md, from one command: `npm run bench` (builds first).
 * Scale with BENCH_SLOS / BENCH_GROUPS (default 100 × 5), BENCH_RAW_SERIES / BENCH_SPLIT_DAYS (long-window raw
 * cardinality, see bench/long-window/run.ts) and BENCH_RUNS (default 5; 3 for reliability). BENCH_PROMETHEUS=2.x
 * measures the rules on Debian's Prometheus 2.x instead of 3.x. Results are printed and written to
 * bench/results/latest.md and latest.json (BENCH_RESULTS: another path, without extension).
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { benchPrometheusVersion } from './lib/prometheus-binaries.js';
import { alertQualityTables } from './alert-quality/report.js';
import { runAlertQuality } from './alert-quality/run.js';
import { SCENARIOS } from './alert-quality/scenarios.js';
import { runGenerationSpeed } from './generation-speed/run.js';
import { generationTable } from './generation-speed/report.js';
import { longWindowTables } from './long-window/report.js';
import { runLongWindow } from './long-window/run.js';
import { runReliability } from './reliability/reliability.js';
import { reliabilityTable } from './reliability/report.js';
import { sloPageTable } from './slo-page/report.js';
import type { SloPageResult } from './slo-page/run.js';
import { statusIndexTable } from './status-index/report.js';
import type { StatusIndexResult } from './status-index/run.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(ROOT, 'bench/.work');
const run = promisify(execFile);
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

const RESULTS = path.resolve(ROOT, process.env.BENCH_RESULTS ?? 'bench/results/latest');
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at start; Node ${process.version}; ${benchPrometheusVersion()}; ${new Date().toISOString()}`;
const sections: string[] = [`Machine: ${machine}\n`];
const json: Record<string, unknown> = { machine };

/** Adds a section and rewrites the results files at once, so a later section that fails loses nothing. */
async function save(section: string, key: string, result: unknown): Promise<void> {
  sections.push(section);
  json[key] = result;
  await mkdir(path.dirname(RESULTS), { recursive: true });
  await writeFile(`${RESULTS}.md`, sections.join('\n'));
  await writeFile(`${RESULTS}.json`, `${JSON.stringify(json, null, 2)}\n`);
}

if (wanted('alert-quality')) {
  log('alert quality: 15 scenarios, Burnrate and Sloth rules backfilled into Prometheus');
  const result = await runAlertQuality(SCENARIOS, path.join(WORK, 'alert-quality'), log);
  await save(`## Alert quality\n\n${alertQualityTables(result)}`, 'alertQuality', result);
}
if (wanted('long-window')) {
  const raw = env('BENCH_RAW_SERIES', 1);
  const split = process.env.BENCH_SPLIT_DAYS ? { splitMinutes: Math.round(Number(process.env.BENCH_SPLIT_DAYS) * 1440) } : {};
  const options = { slos: env('BENCH_SLOS', 100), groups: env('BENCH_GROUPS', 5), minutes: 30 * 1440 + 60, incidentsPerGroup: 4, rawSeriesPerCode: raw, ...split };
  log(`30-day accuracy and cost: ${options.slos} SLOs × ${options.groups} groups`);
  const result = await runLongWindow({ ...options, workDir: path.join(WORK, 'long-window'), evaluations: 5, evaluationInterval: '30s' }, log);
  await save(`## 30-day accuracy and evaluation cost\n\n${longWindowTables(result)}`, 'longWindow', result);
}
if (wanted('generation')) {
  log('generation speed: 1,000 SLOs');
  const result = await runGenerationSpeed(path.join(WORK, 'generation'), env('BENCH_RUNS', 5), log);
  await save(`## Generation speed\n\n${generationTable(result)}`, 'generation', result);
}
if (wanted('reliability')) {
  log('reliability: the service as processes under an OTLP flood, leader crashes, catalog skew and hung clusters');
  const result = await runReliability({
    workDir: path.join(WORK, 'reliability'),
    runs: env('BENCH_RUNS', 3),
    floodSenders: env('BENCH_OTLP_SENDERS', 8),
    floodSeconds: env('BENCH_OTLP_SECONDS', 20),
    only: (process.env.BENCH_RELIABILITY ?? '').split(',').filter(Boolean),
    log: (line) => log(`reliability: ${line}`),
  });
  await save(`## Reliability\n\n${reliabilityTable(result)}`, 'reliability', result);
}
/** A bench that serves pages, as a child process under jiti's own loader (see bench/slo-page/main.ts). */
async function childBench<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs'), path.join(ROOT, script), '--json', ...args], { cwd: ROOT, maxBuffer: 16 * 2 ** 20 });
  return JSON.parse(stdout) as T;
}

if (wanted('slo-page')) {
  log('SLO page: 30 days of stored history, server time and first chart in headless Chromium');
  const result = await childBench<SloPageResult>('bench/slo-page/main.ts', ['--requests', String(env('BENCH_PAGE_REQUESTS', 50)), '--visits', String(env('BENCH_PAGE_VISITS', 15))]);
  await save(`## SLO page\n\n${sloPageTable(result)}`, 'sloPage', result);
}

if (wanted('status-index')) {
  log('status index: 1,000 SLOs × 10 groups with history, GET / per encoding');
  const args = ['--slos', String(env('BENCH_INDEX_SLOS', 1000)), '--groups', String(env('BENCH_INDEX_GROUPS', 10)), '--runs', String(env('BENCH_RUNS', 15))];
  const result = await childBench<StatusIndexResult>('bench/status-index.ts', args);
  await save(`## Status page index\n\n${statusIndexTable(result)}`, 'statusIndex', result);
}

process.stdout.write(sections.join('\n'));
