/**
 * Alert quality, Burnrate against Sloth, in a real Prometheus: scenario counters are backfilled as TSDB
 * blocks, both tools' recording rules are backfilled level by level over the same data, and every alert
 * expression is evaluated at every minute with a range query. Scored against the events' ground truth.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SloSetInput } from '../../src/toolkit/sdk/types.js';
import { backfillRules } from '../lib/backfill-rules.js';
import { burnrateRuleFile, validSlos } from '../lib/burnrate-rules.js';
import { createBlocks } from '../lib/create-blocks.js';
import { OpenMetricsWriter } from '../lib/openmetrics.js';
import { queryRange } from '../lib/prom-api.js';
import { mergeRuleSets, parseRuleFile } from '../lib/rule-file.js';
import { closureOf } from '../lib/rule-levels.js';
import { slothGenerate } from '../sloth/sloth-cli.js';
import { slothSpecs } from '../sloth/sloth-spec.js';
import { groupCounts, type GroupCounts } from './counters.js';
import { firingIntervals, mergeIntervals } from './firing.js';
import { groundTruth } from './ground-truth.js';
import type { Scenario } from './scenario-types.js';
import { outcome, summarise, type Firing, type GroupCase, type ToolOutcome, type ToolSummary } from './score.js';
import { sampleTime, T0_SECONDS, TOTAL_MINUTES } from './timeline.js';
import { burnrateAlerts, SERVICE, slothAlerts, type ToolAlerts } from './tool-alerts.js';

export interface AlertQualityResult {
  cases: GroupCase[];
  tools: Array<{ tool: string; outcomes: ToolOutcome[]; summary: ToolSummary }>;
}

const groupKey = (route?: string) => route ?? '-';

export function sloSet(scenarios: readonly Scenario[]): SloSetInput {
  const slos: SloSetInput['slos'] = {};
  for (const s of scenarios) {
    slos[s.id] = {
      description: s.title,
      objective: s.objectivePercent,
      sli: { kind: 'ratio', errors: `http_requests_total{job="${s.id}",code="500"}`, total: `http_requests_total{job="${s.id}"}` },
      ...(s.groups.some((g) => g.route) ? { groupBy: ['route'] } : {}),
    };
  }
  return { service: SERVICE, team: 'bench', slos };
}

function troubleOf(group: Scenario['groups'][number]): GroupCase['trouble'] {
  const spans = [
    ...group.incidents.map((i) => ({ start: i.start, end: i.end })),
    ...(group.failuresAt ?? []).map((m) => ({ start: m, end: m + 1 })),
    ...(group.absent ? [group.absent] : []),
  ];
  if (spans.length === 0) return undefined;
  return { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
}

export async function writeScenarioSeries(file: string, scenarios: readonly Scenario[], counts: Map<string, GroupCounts>): Promise<void> {
  const writer = new OpenMetricsWriter(file);
  for (const s of scenarios) {
    for (const g of s.groups) {
      const c = counts.get(`${s.id}/${groupKey(g.route)}`) as GroupCounts;
      const labels = { job: s.id, ...(g.route ? { route: g.route } : {}) };
      for (const [code, counter] of [['200', c.goodCounter], ['500', c.errorCounter]] as const) {
        const samples: Array<[number, number]> = [];
        for (let m = 0; m < TOTAL_MINUTES; m++) if (c.present[m]) samples.push([sampleTime(m), counter[m] ?? 0]);
        await writer.series('http_requests_total', { ...labels, code }, samples);
      }
    }
  }
  await writer.close();
}

export function scenarioCases(scenarios: readonly Scenario[]): { cases: GroupCase[]; counts: Map<string, GroupCounts> } {
  const counts = new Map<string, GroupCounts>();
  const cases: GroupCase[] = [];
  for (const s of scenarios) {
    for (const g of s.groups) {
      const c = groupCounts(g, `${s.id}/${groupKey(g.route)}`);
      counts.set(`${s.id}/${groupKey(g.route)}`, c);
      cases.push({ scenario: s.id, title: s.title, group: groupKey(g.route), truth: groundTruth(c, s.objectivePercent), trouble: troubleOf(g), incidents: g.incidents });
    }
  }
  return { cases, counts };
}

async function firingOf(url: string, alerts: ToolAlerts, end: number): Promise<Map<string, Firing>> {
  const firing = new Map<string, Firing>();
  for (const rule of alerts.rules) {
    const kind = alerts.kindOf(rule);
    const scenario = alerts.scenarioOf(rule);
    if (!kind || !scenario) continue;
    for (const series of await queryRange(url, rule.expr, T0_SECONDS, end, 60)) {
      const key = `${scenario}/${groupKey(series.metric.route)}`;
      const f = firing.get(key) ?? { page: [], ticket: [], nodata: [] };
      f[kind] = mergeIntervals([...f[kind], ...firingIntervals(series, 60, rule.forSeconds, rule.keepFiringForSeconds)]);
      firing.set(key, f);
    }
  }
  return firing;
}

export async function runAlertQuality(scenarios: readonly Scenario[], workDir: string, log: (line: string) => void): Promise<AlertQualityResult> {
  await rm(workDir, { recursive: true, force: true });
  const dataDir = path.join(workDir, 'data');
  await mkdir(path.join(workDir, 'sloth'), { recursive: true });
  const { cases, counts } = scenarioCases(scenarios);
  const om = path.join(workDir, 'series.om');
  await writeScenarioSeries(om, scenarios, counts);
  await createBlocks(om, dataDir);

  const slos = validSlos([sloSet(scenarios)]);
  const ours = burnrateRuleFile(slos);
  await writeFile(path.join(workDir, 'burnrate.rules.yaml'), ours);
  for (const [service, spec] of slothSpecs(slos)) await writeFile(path.join(workDir, 'sloth', `${service}.yaml`), spec);
  slothGenerate(path.join(workDir, 'sloth', `${SERVICE}.yaml`), path.join(workDir, 'sloth.rules.yaml'));
  const theirs = await readFile(path.join(workDir, 'sloth.rules.yaml'), 'utf8');

  const ids = scenarios.map((s) => s.id);
  const oursSet = parseRuleFile(ours);
  const theirSet = parseRuleFile(theirs);
  const all = mergeRuleSets([oursSet, theirSet]);
  const needed = closureOf(all.alerting.map((a) => a.expr), all.recording);
  const end = T0_SECONDS + (TOTAL_MINUTES - 1) * 60;
  const server = await backfillRules(dataDir, needed, { start: T0_SECONDS, end, stepSeconds: 60 }, log);
  try {
    const tools: AlertQualityResult['tools'] = [];
    for (const alerts of [burnrateAlerts(oursSet.alerting, ids), slothAlerts(theirSet.alerting, ids)]) {
      const firing = await firingOf(server.url, alerts, end);
      const empty: Firing = { page: [], ticket: [], nodata: [] };
      const outcomes = cases.map((c) => outcome(c, firing.get(`${c.scenario}/${c.group}`) ?? empty));
      tools.push({ tool: alerts.tool, outcomes, summary: summarise(cases, outcomes) });
      log(`${alerts.tool}: ${alerts.rules.length} alert rules evaluated`);
    }
    return { cases, tools };
  } finally {
    await server.stop();
  }
}
