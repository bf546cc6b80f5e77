/**
 * Backfills recording rules into a Prometheus TSDB, as `promtool tsdb create-blocks-from rules` does
 * (range queries at the evaluation interval, results written as blocks), but level by level so rules
 * that read other rules see their backfilled output: after each level Prometheus restarts on the new blocks.
 */
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { createBlocks } from './create-blocks.js';
import { OpenMetricsWriter } from './openmetrics.js';
import { queryRange } from './prom-api.js';
import { startPrometheus, type PrometheusServer } from './prometheus-server.js';
import type { RecordingRuleSpec } from './rule-file.js';
import { ruleLevels } from './rule-levels.js';

export interface BackfillRange {
  start: number;
  end: number;
  stepSeconds: number;
}

type Sample = [number, number];

/**
 * The series a recording rule writes from its range-query result: labels without `__name__`, overridden by the
 * rule's own. A rule like `(a - b) or a` returns one series from each side (one carries `a`'s name, one not), at
 * different steps; Prometheus would record both as the same series, so their samples are merged in time order.
 */
export function recordedSeries(result: readonly { metric: Record<string, string>; values: readonly Sample[] }[], ruleLabels: Record<string, string>): Array<{ labels: Record<string, string>; values: Sample[] }> {
  const byLabels = new Map<string, { labels: Record<string, string>; values: Sample[] }>();
  for (const s of result) {
    const { __name__: _drop, ...metric } = s.metric;
    const labels = { ...metric, ...ruleLabels };
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
    const series = byLabels.get(key);
    if (series) series.values.push(...s.values);
    else byLabels.set(key, { labels, values: [...s.values] });
  }
  for (const series of byLabels.values()) series.values.sort((a, b) => a[0] - b[0]);
  return [...byLabels.values()];
}

/** Streams each rule's range-query result to OpenMetrics (promtool accepts families in any order). */
async function backfillLevel(server: PrometheusServer, rules: readonly RecordingRuleSpec[], rangeOf: (rule: RecordingRuleSpec) => BackfillRange, file: string): Promise<number> {
  const writer = new OpenMetricsWriter(file);
  for (const rule of rules) {
    const range = rangeOf(rule);
    // A group with its own interval (our hourly group) is evaluated at that interval, as Prometheus would.
    const step = rule.intervalSeconds ?? range.stepSeconds;
    const result = await queryRange(server.url, rule.expr, range.start, range.end, step);
    for (const s of recordedSeries(result, rule.labels)) await writer.series(rule.record, s.labels, s.values);
  }
  await writer.close();
  return writer.samples;
}

/** Returns a server running on the data with every level backfilled; the caller stops it. */
export async function backfillRules(
  dataDir: string,
  rules: readonly RecordingRuleSpec[],
  range: BackfillRange | ((rule: RecordingRuleSpec, level: number) => BackfillRange),
  log: (line: string) => void,
): Promise<PrometheusServer> {
  let server = await startPrometheus(dataDir);
  const levels = ruleLevels(rules);
  for (const [i, level] of levels.entries()) {
    const started = Date.now();
    const file = path.join(dataDir, '..', `level-${i + 1}.om`);
    const samples = await backfillLevel(server, level, (rule) => (typeof range === 'function' ? range(rule, i + 1) : range), file);
    await server.stop();
    await createBlocks(file, dataDir);
    await rm(file);
    server = await startPrometheus(dataDir);
    log(`level ${i + 1}: ${level.length} rules, ${samples} samples, ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
  return server;
}
