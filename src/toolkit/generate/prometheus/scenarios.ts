/** Every scenario of one SLO's promtool test, with the traffic it runs at and notes on what was left out. */
import { errorBudgetRatio, type Slo } from '../../../core/model/slo.js';
import { fastBurn, healthy, minutesOf, outage, slowBurn } from './burn-scenarios.js';
import type { EventSource } from '../../../core/synthetic/event-series.js';
import { lowTraffic, noData } from './guard-scenarios.js';
import { noDataTestFile } from './promtool-files.js';
import { sloAlertWindows } from '../../../core/windows/alert-windows.js';
import { pairContext, type Check, type Scenario, type ScenarioContext, type ScenarioResult } from './scenario-types.js';
import { allSurelySilent, anySurelyFires } from './scenario-traffic.js';
import { sharesBurnAlertName } from '../../../core/conventions/alert-names.js';

/** Gauge samples per minute to choose from: one a minute down to one every 10ms. */
const GAUGE_SAMPLES_PER_MINUTE = [1, 2, 4, 6, 12, 30, 60, 120, 300, 600, 1200, 3000, 6000];
/** Bad events a deciding window should hold, so one more or less cannot tip a check. */
const EVENTS_PER_DECISION = 20;

export interface ScenarioPlan {
  scenarios: Scenario[];
  /** Scenarios left out and why; written into the file as comments. */
  notes: string[];
  /** Sample interval of the input series. */
  intervalMs: number;
  /** What the scenarios were built from (the rule file's no-data test builds its stale series from it too). */
  context: ScenarioContext;
}

/** Counter traffic per minute: a power of ten with at least ten errors a minute at a tenth of the budget rate. */
function counterTraffic(budget: number, minEvents: number): number {
  return 10 ** Math.ceil(Math.log10(Math.max(10 / budget, 0.4 * minEvents, 100)));
}

/** Gauge samples per minute: enough that every deciding window holds many bad samples and passes the guard. */
function gaugeTraffic(ctx: Omit<ScenarioContext, 'eventsPerMinute'>): number {
  const needs = [0.4 * ctx.slo.alerting.minEvents, 1];
  for (const pair of ctx.ticket) needs.push(EVENTS_PER_DECISION / (minutesOf(pair.shortWindowMs) * pair.factor * ctx.budget));
  for (const pair of ctx.page) needs.push(EVENTS_PER_DECISION / (minutesOf(pair.longWindowMs) * pair.factor * ctx.budget));
  const need = Math.max(...needs);
  return GAUGE_SAMPLES_PER_MINUTE.find((m) => m >= need) ?? GAUGE_SAMPLES_PER_MINUTE[GAUGE_SAMPLES_PER_MINUTE.length - 1] ?? 1;
}

/** Minutes before `minute` in which a page that fired would still be held firing by its keep_firing_for. */
function heldMinutes(ctx: ScenarioContext, alert: 'page' | 'ticket'): number {
  return alert === 'page' ? Math.ceil((ctx.slo.alerting.page.keepFiringForSeconds ?? 0) / 60) + 1 : 0;
}

/**
 * Page and ticket alerts that share a name (a kept Sloth or Pyrra name) are listed together by promtool, so a
 * check of one expects the other too when the model says it surely fires then. A check at a minute where the
 * other may or may not fire (or a page may still be held) proves nothing either way and is left out.
 */
function withSharedName(ctx: ScenarioContext, result: ScenarioResult): ScenarioResult {
  if (!sharesBurnAlertName(ctx.slo) || 'skipped' in result || !result.timeline) return result;
  const model = pairContext(ctx, result.timeline);
  const checks: Check[] = [];
  for (const check of result.checks) {
    if (check.alert === 'noData') {
      checks.push(check);
      continue;
    }
    const other = check.alert === 'page' ? 'ticket' : 'page';
    const pairs = ctx[other];
    const from = Math.max(0, check.minute - heldMinutes(ctx, other));
    const silent = Array.from({ length: check.minute - from + 1 }, (_, i) => from + i).every((t) => allSurelySilent(model, pairs, t));
    if (pairs.length === 0 || silent) checks.push(check);
    else if (other === 'ticket' && anySurelyFires(model, pairs, check.minute)) checks.push({ ...check, alsoFiring: [other] });
  }
  if (checks.length === 0 || (result.checks.some((check) => check.fires) && !checks.some((check) => check.fires))) {
    return { skipped: `${result.name.split(':')[0] ?? result.name}: page and ticket share the name ${ctx.slo.alerting.burnAlertName}, and the other alert may or may not fire when this one is checked` };
  }
  return { ...result, checks };
}

/** What every scenario of `slo` is built from: its pairs, budget and the traffic its input series carry. */
function scenarioContext(slo: Slo, source: EventSource): ScenarioContext {
  const windows = sloAlertWindows(slo);
  const gauge = source.ok && source.gauge;
  const base = {
    slo,
    page: slo.alerting.page.enabled ? windows.filter((w) => w.tier === 'page') : [],
    ticket: slo.alerting.ticket.enabled ? windows.filter((w) => w.tier === 'ticket') : [],
    budget: errorBudgetRatio(slo),
    gauge,
  };
  return { ...base, eventsPerMinute: gauge ? gaugeTraffic(base) : counterTraffic(base.budget, slo.alerting.minEvents) };
}

/** Sample interval of the input series of `ctx`'s scenarios: a minute, or less for busy gauges. */
function inputIntervalMs(ctx: ScenarioContext): number {
  return ctx.gauge ? 60_000 / ctx.eventsPerMinute : 60_000;
}

/**
 * `ownNoData`: the SLO's no-data scenario belongs in its own file (input series only promtool 3.x reads);
 * otherwise the rule file's no-data test checks it with its neighbours (no-data-promtool-test.ts).
 */
export function planScenarios(slo: Slo, source: EventSource, ownNoData: boolean): ScenarioPlan {
  const ctx = scenarioContext(slo, source);
  const results: ScenarioResult[] = (
    source.ok ? [fastBurn(ctx), outage(ctx), slowBurn(ctx), healthy(ctx), lowTraffic(ctx), ...(ownNoData ? [noData(ctx)] : [])] : []
  ).map((result) => withSharedName(ctx, result));
  const scenarios = results.filter((r): r is Scenario => !('skipped' in r));
  const notes = [
    ...(source.ok ? [] : [`No scenario with input series is generated: ${source.reason}.`]),
    ...(ownNoData || !slo.alerting.noData.enabled ? [] : [`The no-data alert is tested with the other SLOs of the rule file in ${noDataTestFile(slo.service)}.`]),
    ...results.filter((r): r is { skipped: string } => 'skipped' in r).map((r) => `Not generated: ${r.skipped}.`),
  ];
  return { scenarios, notes, intervalMs: inputIntervalMs(ctx), context: ctx };
}
