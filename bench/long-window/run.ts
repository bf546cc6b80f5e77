/**
 * 30-day accuracy and evaluation cost, Burnrate against Sloth and the exact `increase(...[30d])` form, on the
 * same backfilled fleet: raw counters ending now, both tools' five-minute recordings backfilled for 30 days
 * (as a Prometheus that ran the rules for a month would hold them), the 30-day SLIs read at the end, then each
 * rule set evaluated live by a fresh Prometheus while its rule-group timings are sampled.
 *
 * Fleet size and raw cardinality (`npm run bench -- long-window`, or the matrix in matrix.ts):
 *   BENCH_SLOS, BENCH_GROUPS   SLOs × routes per SLO (default 100 × 5)
 *   BENCH_RAW_SERIES           raw series per route and status code, split by pod and method (default 1: unsplit)
 *   BENCH_SPLIT_DAYS           days, ending with the data, in which the counters are split (default: all 30);
 *                              before that each route and code is one series. Both tools read raw series over at
 *                              most 3 days, so 3.2 split days give their live evaluations the full cardinality.
 *   node --import jiti/register bench/long-window/matrix.ts 100x5x1 100x5x15 100x20x1 100x20x15
 *                              runs several fleets (SLOSxROUTESxRAW) into bench/results/long-window-fleet.md.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { RECORDED } from '../../src/core/conventions/metrics.js';
import type { SloSetInput } from '../../src/toolkit/sdk/types.js';
import { groupCounts } from '../alert-quality/counters.js';
import { backfillRules } from '../lib/backfill-rules.js';
import { burnrateRuleFile, validSlos } from '../lib/burnrate-rules.js';
import { createBlocks } from '../lib/create-blocks.js';
import { OpenMetricsWriter } from '../lib/openmetrics.js';
import { queryInstant } from '../lib/prom-api.js';
import { startPrometheus } from '../lib/prometheus-server.js';
import { measureRuleCost, type RuleCost } from '../lib/rule-cost.js';
import { durationSeconds, mergeRuleSets, parseRuleFile } from '../lib/rule-file.js';
import { closureOf } from '../lib/rule-levels.js';
import { settleBlocks } from '../lib/settle-blocks.js';
import { slothGenerate } from '../sloth/sloth-cli.js';
import { slothSpecs } from '../sloth/sloth-spec.js';
import { fleet, sloName, type FleetOptions } from './fleet.js';
import { startLiveTraffic } from './live-traffic.js';
import { splitFromMinute, writeGroupCounters, type SeriesTail } from './raw-counters.js';

export interface LongWindowOptions extends FleetOptions {
  workDir: string;
  evaluations: number;
  evaluationInterval: string;
}

export interface Accuracy {
  tool: string;
  groups: number;
  /** |SLI − true SLI| / true SLI, mean and max over groups. */
  sliMeanRelError: number;
  sliMaxRelError: number;
  /** |error ratio − true error ratio| / true error ratio: the error in "budget spent". */
  budgetMeanRelError: number;
  budgetMaxRelError: number;
}

export interface LongWindowResult {
  options: FleetOptions;
  rawSamples: number;
  accuracy: Accuracy[];
  /** Burnrate's 30-day SLI from its first evaluations by a Prometheus started on the month of history. */
  afterRestart?: Accuracy & { gapMinutes: number };
  cost: Array<{ tool: string; recordingRules: number; alertingRules: number; cost: RuleCost }>;
  seconds: Record<string, number>;
}

const SERVICE = 'fleet';
const WINDOW_MINUTES = 30 * 1440;
const SLOTH_30D = 'slo:sli_error:ratio_rate30d';
const BURNRATE_30D = `1 - ${RECORDED.windowGoodEvents} / ${RECORDED.windowTotalEvents}`;

function sloSet(options: FleetOptions): SloSetInput {
  const slos: SloSetInput['slos'] = {};
  for (let i = 0; i < options.slos; i++) {
    const job = sloName(i);
    slos[job] = { objective: 99.9, groupBy: ['route'], sli: { kind: 'ratio', errors: `http_requests_total{job="${job}",code="500"}`, total: `http_requests_total{job="${job}"}` } };
  }
  return { service: SERVICE, team: 'bench', slos };
}

function exactRuleFile(options: FleetOptions): string {
  const groups = Array.from({ length: options.slos }, (_, i) => {
    const job = sloName(i);
    const sum = (sel: string) => `sum by (route) (increase(${sel}[30d]))`;
    return {
      name: `exact-${job}`,
      rules: [{ record: 'bench:exact_error_ratio_30d', expr: `${sum(`http_requests_total{job="${job}",code="500"}`)} / ${sum(`http_requests_total{job="${job}"}`)}`, labels: { slo: job } }],
    };
  });
  return stringify({ groups }, { lineWidth: 0 });
}

/**
 * Minutes of traffic written after the measured window ends (the time of the run): the live evaluation after
 * the restart happens within them, so, as after a real Prometheus restart, the services went on serving and
 * their counters went on counting while the rules were not evaluated.
 */
const TRAFFIC_AFTER_MINUTES = 120;

interface Truth {
  /** The true error ratio of every group over the 30 days ending with the measured window. */
  atEnd: Map<string, number>;
  /** The same over the 30 days ending `minutes` later (at most TRAFFIC_AFTER_MINUTES). */
  later(minutes: number): Map<string, number>;
}

interface WindowSums {
  errors: number;
  total: number;
  /** Per minute, the window's first TRAFFIC_AFTER_MINUTES (which drop out as it moves) and the minutes after it. */
  dropped: { errors: Int32Array; total: Int32Array };
  added: { errors: Int32Array; total: Int32Array };
}

/** Errors and events of each of the TRAFFIC_AFTER_MINUTES minutes from `from` on. */
function minuteCounts(c: ReturnType<typeof groupCounts>, from: number) {
  const errors = c.errors.slice(from, from + TRAFFIC_AFTER_MINUTES);
  const total = errors.map((e, i) => e + (c.good[from + i] ?? 0));
  return { errors, total };
}

/** Writes the raw counters; returns the true error ratio of every group over the last 30 days. */
async function writeFleet(file: string, options: FleetOptions, start: number): Promise<{ truth: Truth; samples: number; tails: SeriesTail[] }> {
  const writer = new OpenMetricsWriter(file);
  const tails: SeriesTail[] = [];
  const sums = new Map<string, WindowSums>();
  const written = { ...options, minutes: options.minutes + TRAFFIC_AFTER_MINUTES };
  for (const g of fleet(options)) {
    const c = groupCounts(g.spec, `${g.slo}/${g.route}`, written.minutes);
    let errors = 0;
    let total = 0;
    for (let m = options.minutes - WINDOW_MINUTES; m < options.minutes; m++) {
      errors += c.errors[m] ?? 0;
      total += (c.errors[m] ?? 0) + (c.good[m] ?? 0);
    }
    sums.set(`${g.slo}/${g.route}`, { errors, total, dropped: minuteCounts(c, options.minutes - WINDOW_MINUTES), added: minuteCounts(c, options.minutes) });
    tails.push(...(await writeGroupCounters(writer, g, c, written, start, options.minutes)));
  }
  await writer.close();
  const later = (minutes: number) => {
    // A scrape a whole minute after the window's last one enters the window, and the first minute drops out.
    const shift = Math.min(Math.max(0, Math.floor(minutes)), TRAFFIC_AFTER_MINUTES);
    const sum = (values: Int32Array) => values.subarray(0, shift).reduce((a, b) => a + b, 0);
    return new Map([...sums].map(([key, v]) => [key, (v.errors - sum(v.dropped.errors) + sum(v.added.errors)) / (v.total - sum(v.dropped.total) + sum(v.added.total))]));
  };
  return { truth: { atEnd: later(0), later }, samples: writer.samples, tails };
}

function accuracy(tool: string, truth: Map<string, number>, measured: Map<string, number>): Accuracy {
  const sli: number[] = [];
  const budget: number[] = [];
  for (const [key, trueRatio] of truth) {
    const ratio = measured.get(key);
    if (ratio === undefined) throw new Error(`${tool} has no 30-day SLI for ${key}`);
    sli.push(Math.abs((1 - ratio) - (1 - trueRatio)) / (1 - trueRatio));
    budget.push(Math.abs(ratio - trueRatio) / trueRatio);
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return { tool, groups: sli.length, sliMeanRelError: mean(sli), sliMaxRelError: Math.max(...sli), budgetMeanRelError: mean(budget), budgetMaxRelError: Math.max(...budget) };
}

async function measured(url: string, query: string, at: number, sloLabel: string): Promise<Map<string, number>> {
  const result = await queryInstant(url, query, at);
  return new Map(result.map((r) => [`${(r.metric[sloLabel] ?? '').replace(`${SERVICE}-`, '')}/${r.metric.route}`, r.value]));
}

/** Burnrate's 30-day SLI as the live rules last recorded it, against the truth at that time. */
async function liveAccuracy(url: string, truth: Truth, windowEnd: number, log: (line: string) => void): Promise<Accuracy & { gapMinutes: number }> {
  const [stamp] = await queryInstant(url, `max(timestamp(${RECORDED.windowTotalEvents}))`, Date.now() / 1000);
  const when = stamp?.value ?? Date.now() / 1000;
  const gapMinutes = (when - windowEnd) / 60;
  if (gapMinutes > TRAFFIC_AFTER_MINUTES) log(`the live evaluation came ${gapMinutes.toFixed(0)} min after the window, past the ${TRAFFIC_AFTER_MINUTES} min of traffic written`);
  const live = await measured(url, BURNRATE_30D, when, 'slo');
  return { ...accuracy('Burnrate, live after a restart', truth.later(gapMinutes), live), gapMinutes };
}

export async function runLongWindow(options: LongWindowOptions, log: (line: string) => void): Promise<LongWindowResult> {
  const seconds: Record<string, number> = {};
  let clock = Date.now();
  const lap = (name: string) => {
    seconds[name] = (Date.now() - clock) / 1000;
    clock = Date.now();
    log(`${name}: ${seconds[name]?.toFixed(0)}s`);
  };
  const { workDir } = options;
  await rm(workDir, { recursive: true, force: true });
  await mkdir(path.join(workDir, 'sloth'), { recursive: true });
  const dataDir = path.join(workDir, 'data');
  const end = Math.floor(Date.now() / 60_000) * 60;
  const start = end - options.minutes * 60;
  const om = path.join(workDir, 'raw.om');
  const { truth, samples, tails } = await writeFleet(om, options, start);
  lap('write raw series');
  await createBlocks(om, dataDir);
  await rm(om);
  lap('raw blocks');

  const slos = validSlos([sloSet(options)]);
  const files = { Burnrate: path.join(workDir, 'burnrate.rules.yaml'), Sloth: path.join(workDir, 'sloth.rules.yaml'), 'exact increase[30d]': path.join(workDir, 'exact.rules.yaml') };
  await writeFile(files.Burnrate, burnrateRuleFile(slos));
  for (const [service, spec] of slothSpecs(slos)) await writeFile(path.join(workDir, 'sloth', `${service}.yaml`), spec);
  slothGenerate(path.join(workDir, 'sloth', `${SERVICE}.yaml`), files.Sloth);
  await writeFile(files['exact increase[30d]'], exactRuleFile(options));
  const sets = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([tool, f]) => [tool, parseRuleFile(await readFile(f, 'utf8'))] as const)));
  const all = mergeRuleSets([sets.Burnrate, sets.Sloth].filter((s) => s !== undefined));
  const needed = closureOf([RECORDED.windowGoodEvents, RECORDED.windowTotalEvents, SLOTH_30D], all.recording);
  const at = end - 60 + 30; // the last scrape: every window below ends here
  // History where the 30-day rules read it (five-minute counts and ratios, our tiles); everything above only at the end.
  const counts = new Set<string>([RECORDED.goodEvents, RECORDED.totalEvents]);
  const history = (rule: { record: string }, level: number) => level === 1 || counts.has(rule.record);
  const server = await backfillRules(dataDir, needed, (rule, level) => (history(rule, level) ? { start, end: at, stepSeconds: 60 } : { start: at, end: at, stepSeconds: 60 }), log);
  lap('backfill 5m recordings');
  const results: Accuracy[] = [];
  try {
    results.push(accuracy('Burnrate', truth.atEnd, await measured(server.url, BURNRATE_30D, at, 'slo')));
    results.push(accuracy('Sloth', truth.atEnd, await measured(server.url, SLOTH_30D, at, 'sloth_slo')));
    const exact = new Map<string, number>();
    for (const rule of sets['exact increase[30d]']?.recording ?? []) {
      for (const [k, v] of await measured(server.url, `label_replace(${rule.expr}, "slo", "${rule.labels.slo}", "", "")`, at, 'slo')) exact.set(k, v);
    }
    results.push(accuracy('exact increase[30d]', truth.atEnd, exact));
    // Every tool then reads warm data: the OS page cache holds the blocks, whichever tool runs first.
    for (const name of ['http_requests_total', RECORDED.goodEvents, RECORDED.totalEvents, 'slo:sli_error:ratio_rate5m']) {
      await queryInstant(server.url, `sum(count_over_time(${name}[31d]))`, at);
    }
  } finally {
    await server.stop();
  }
  lap('30-day SLIs');
  for (const a of results) log(`${a.tool}: budget rel. error mean ${(a.budgetMeanRelError * 100).toFixed(3)}% max ${(a.budgetMaxRelError * 100).toFixed(3)}%`);

  await settleBlocks(dataDir);
  lap('compact overlapping blocks');

  const cost: LongWindowResult['cost'] = [];
  let afterRestart: LongWindowResult['afterRestart'];
  const globalSeconds = durationSeconds(options.evaluationInterval);
  // The exact row reads 30 days of raw series: timed only when the whole month has the fleet's cardinality.
  const timed = Object.entries(files).filter(([tool]) => tool !== 'exact increase[30d]' || (options.rawSeriesPerCode ?? 1) <= 1 || splitFromMinute(options) === 0);
  for (const [tool, file] of timed) {
    // Groups with their own interval run at the global one here, so a few minutes time them; each group's
    // cost per minute is then weighted by the evaluations per minute its own interval gives it.
    const intervals = new Map((sets[tool]?.recording ?? []).filter((r) => r.intervalSeconds).map((r) => [r.group, r.intervalSeconds ?? globalSeconds]));
    const atGlobalInterval = path.join(workDir, `${path.basename(file, '.yaml')}.timed.yaml`);
    await writeFile(atGlobalInterval, (await readFile(file, 'utf8')).replace(/^\s+interval: .*\n/gm, ''));
    const traffic = await startLiveTraffic(tails, end + 30);
    const live = await startPrometheus(dataDir, { ruleFiles: [atGlobalInterval], evaluationInterval: options.evaluationInterval, scrapeTargets: [traffic.target] });
    try {
      const perMinute = (group: string) => 60 / (intervals.get(group) ?? globalSeconds);
      const measuredCost = await measureRuleCost(live, options.evaluations, 20 * 60_000, new Set(), perMinute);
      cost.push({ tool, recordingRules: sets[tool]?.recording.length ?? 0, alertingRules: sets[tool]?.alerting.length ?? 0, cost: measuredCost });
      if (tool === 'Burnrate') afterRestart = await liveAccuracy(live.url, truth, at, log);
    } finally {
      await live.stop();
      await traffic.close();
    }
    lap(`evaluate ${tool}`);
  }
  return { options, rawSamples: samples, accuracy: results, ...(afterRestart ? { afterRestart } : {}), cost, seconds };
}
