/**
 * promtool scenarios of a time-slice SLO: a fast burn of bad slices pages, a healthy run with scattered bad
 * slices stays quiet, and no data fires SloNoData. Times come from the slice model (slice-model.ts).
 */
import { formatDuration } from '../../../core/model/duration.js';
import { errorBudgetRatio, type Slo, type TimeSlices } from '../../../core/model/slo.js';
import { sharesBurnAlertName } from '../../../core/conventions/alert-names.js';
import type { SliceSource, SliceState } from '../../../core/synthetic/slice-series.js';
import { BASE_WINDOW_MS, sloAlertWindows, type AlertWindow } from '../../../core/windows/alert-windows.js';
import { pairConditions } from '../../../core/windows/pair-conditions.js';
import { alertVerdict, type SliceTimeline } from './slice-model.js';
import type { Check } from './scenario-types.js';

export interface SliceScenario {
  name: string;
  /** Undefined: no input series at all. */
  timeline: SliceTimeline | undefined;
  checks: Check[];
}

export interface SlicePlan {
  scenarios: SliceScenario[];
  notes: string[];
  sliceMs: number;
  /** Sample interval of the input series: four samples a slice, at most 15s apart. */
  sampleMs: number;
}

const HOUR_MS = 3_600_000;
/** Good slices before a burn: the hour's long window is full, so the low-traffic guard is met. */
const LEAD_IN_MS = HOUR_MS;
/** The longest burn searched for a page: the slow page pair's long window. */
const MAX_BURN_MS = 6 * HOUR_MS;
/** A healthy run of three hours: long enough to fill the fast pair's hour three times over. */
const HEALTHY_MS = 3 * HOUR_MS;
/** A slow burn runs at least as long, and up to a day for long slices: its ticket fires within it, its page stays quiet. */
const SLOW_BURN_MS = 3 * HOUR_MS;
const MAX_SLOW_BURN_MS = 24 * HOUR_MS;

const minutes = (ms: number) => ms / 60_000;
const text = (ms: number) => formatDuration(ms);

function silentThrough(slo: Slo, pairs: readonly AlertWindow[], timeline: SliceTimeline, untilMs: number): boolean {
  for (let t = 0; t <= untilMs; t += timeline.sliceMs) if (alertVerdict(slo, pairs, timeline, t) !== 'silent') return false;
  return true;
}

/** The first evaluation in (fromMs, toMs] at which the pairs surely fire, as `view` shows the timeline then. */
function firstFiring(slo: Slo, pairs: readonly AlertWindow[], fromMs: number, toMs: number, sliceMs: number, view: (tMs: number) => SliceTimeline): number | undefined {
  for (let t = fromMs + sliceMs; t <= toMs; t += sliceMs) if (alertVerdict(slo, pairs, view(t), t) === 'fires') return t;
  return undefined;
}

function fastBurn(slo: Slo, pairs: readonly AlertWindow[], sliceMs: number, gauge: boolean): SliceScenario | string {
  const leadSlices = LEAD_IN_MS / sliceMs;
  const states: SliceState[] = [...Array<SliceState>(leadSlices).fill('good'), ...Array<SliceState>(MAX_BURN_MS / sliceMs).fill('bad')];
  const timeline: SliceTimeline = { sliceMs, states, gauge };
  if (!silentThrough(slo, pairs, timeline, LEAD_IN_MS)) return 'fast burn: the model cannot keep the page quiet before the burn';
  const firesAt = firstFiring(slo, pairs, LEAD_IN_MS, LEAD_IN_MS + MAX_BURN_MS, sliceMs, () => timeline);
  if (firesAt === undefined) return `fast burn: no page pair fires within ${text(MAX_BURN_MS)} of bad slices (the guard of ${slo.alerting.minEvents} slices?)`;
  const ended: SliceTimeline = { ...timeline, states: states.slice(0, firesAt / sliceMs + 1) };
  return {
    name: `fast burn: ${text(LEAD_IN_MS)} of good ${text(sliceMs)} slices, then every slice bad; the page fires ${text(firesAt - LEAD_IN_MS)} into the burn`,
    timeline: ended,
    checks: [
      { minute: minutes(LEAD_IN_MS), alert: 'page', fires: false },
      { minute: minutes(firesAt), alert: 'page', fires: true },
    ],
  };
}

/** Half the lowest share of bad slices any page condition needs. */
function healthyBadShare(slo: Slo, pairs: readonly AlertWindow[]): number {
  const factors = pairs.flatMap((pair) => pairConditions(slo, pair).ratios.map((r) => r.factor));
  return (Math.min(...factors) * errorBudgetRatio(slo)) / 2;
}

function healthy(slo: Slo, pairs: readonly AlertWindow[], sliceMs: number, gauge: boolean): SliceScenario | string {
  const every = Math.ceil(1 / healthyBadShare(slo, pairs));
  const count = HEALTHY_MS / sliceMs;
  const states = Array.from({ length: count }, (_, i): SliceState => ((i + 1) % every === 0 ? 'bad' : 'good'));
  const timeline: SliceTimeline = { sliceMs, states, gauge };
  if (!silentThrough(slo, pairs, timeline, HEALTHY_MS)) return 'healthy: the model cannot keep the page quiet';
  const bad = every <= count ? `one bad slice in every ${every}` : 'no bad slice';
  return {
    name: `healthy: ${text(HEALTHY_MS)} of ${text(sliceMs)} slices with ${bad}, under half of every page threshold; the page stays quiet`,
    timeline,
    checks: [HOUR_MS, 2 * HOUR_MS, HEALTHY_MS].map((t) => ({ minute: minutes(t), alert: 'page', fires: false })),
  };
}

/**
 * The ticket's daily count is the average of the five-minute counts: a bad slice reaches it in full five
 * minutes after it is judged. The ticket is checked only where it fires without the bad slices of the last
 * five minutes and a slice.
 */
function withoutRecentBad(timeline: SliceTimeline, tMs: number): SliceTimeline {
  const from = tMs - BASE_WINDOW_MS - timeline.sliceMs;
  return { ...timeline, states: timeline.states.map((state, i) => ((i + 1) * timeline.sliceMs > from ? 'good' : state)) };
}

/**
 * A steady share of bad slices: half the lowest long-window share any page pair needs, which is over the
 * slow ticket pair's threshold. The ticket fires where the model says it surely does; the page never fires.
 */
function slowBurn(slo: Slo, page: readonly AlertWindow[], ticket: readonly AlertWindow[], sliceMs: number, gauge: boolean): SliceScenario | string {
  const share = (Math.min(...page.map((p) => p.factor)) * errorBudgetRatio(slo)) / 2;
  // A gauge's slice after a bad one may count as bad on Prometheus 2 (see slice-model.ts): half as many.
  const every = Math.ceil((gauge ? 2 : 1) / share);
  // Long enough for two bad slices, at least three hours.
  const durationMs = Math.min(MAX_SLOW_BURN_MS, Math.max(SLOW_BURN_MS, 2 * every * sliceMs));
  const states = Array.from({ length: Math.floor(durationMs / sliceMs) }, (_, i): SliceState => ((i + 1) % every === 0 ? 'bad' : 'good'));
  const timeline: SliceTimeline = { sliceMs, states, gauge };
  const endMs = states.length * sliceMs;
  const firesAt = firstFiring(slo, ticket, 0, endMs, sliceMs, (t) => withoutRecentBad(timeline, t));
  if (firesAt === undefined) return `slow burn: no ticket pair surely fires within ${text(endMs)} at one bad slice in every ${every}`;
  if (!silentThrough(slo, page, timeline, endMs)) return `slow burn: the model cannot keep the page quiet at one bad slice in every ${every}`;
  return {
    name: `slow burn: one bad ${text(sliceMs)} slice in every ${every}; the ticket fires ${text(firesAt)} in, the page stays quiet`,
    timeline,
    checks: [
      { minute: minutes(firesAt), alert: 'ticket', fires: true },
      { minute: minutes(firesAt), alert: 'page', fires: false },
      { minute: minutes(endMs), alert: 'page', fires: false },
    ],
  };
}

/** No input at all: SloNoData is pending for its `for`, then fires. */
function noData(slo: Slo, sliceMs: number): SliceScenario | string {
  const { noData: policy } = slo.alerting;
  if (!policy.enabled) return 'no data: no-data alerts are off';
  const forMs = policy.forSeconds * 1000;
  const after = Math.ceil((forMs + 2 * BASE_WINDOW_MS) / sliceMs) * sliceMs;
  const before = Math.floor((forMs - 60_000) / sliceMs) * sliceMs;
  const checks: Check[] = [...(before > 0 ? [{ minute: minutes(before), alert: 'noData' as const, fires: false }] : []), { minute: minutes(after), alert: 'noData', fires: true }];
  return { name: `no data: no input series at all; SloNoData is pending for ${text(forMs)}, then fires`, timeline: undefined, checks };
}

export function planSliceScenarios(slo: Slo, timeSlices: TimeSlices, source: SliceSource): SlicePlan {
  const sliceMs = timeSlices.sliceSeconds * 1000;
  const pairs = slo.alerting.page.enabled ? sloAlertWindows(slo).filter((w) => w.tier === 'page') : [];
  const ticket = slo.alerting.ticket.enabled ? sloAlertWindows(slo).filter((w) => w.tier === 'ticket') : [];
  const gauge = source.ok && source.series.some((s) => s.kind === 'gauge');
  const results: (SliceScenario | string)[] = [];
  if (!source.ok) results.push(`fast burn and healthy: ${source.reason}`);
  else if (pairs.length === 0) results.push('fast burn and healthy: page alerts are off');
  else if (sharesBurnAlertName(slo)) results.push(`fast burn and healthy: page and ticket share the name ${slo.alerting.burnAlertName}, and the ticket may fire with the page`);
  else {
    results.push(fastBurn(slo, pairs, sliceMs, gauge));
    results.push(ticket.length > 0 ? slowBurn(slo, pairs, ticket, sliceMs, gauge) : 'slow burn: ticket alerts are off');
    results.push(healthy(slo, pairs, sliceMs, gauge));
  }
  results.push(noData(slo, sliceMs));
  return {
    scenarios: results.filter((r): r is SliceScenario => typeof r !== 'string'),
    notes: [...results.filter((r): r is string => typeof r === 'string').map((r) => `Not generated: ${r}.`)],
    sliceMs,
    sampleMs: Math.min(15_000, sliceMs / 4),
  };
}
