/**
 * Recording rules of one SLO. Count SLIs record the five-minute and hourly counts from the raw series, the
 * daily count from the five-minute ones and the 3-day count from three daily ones (core/windows/count-windows.ts);
 * every other window is a sum of these tiles, composed where it is read.
 * Rules that may lag minutes (slow tiles, the whole window, metadata) go to the slow group.
 */
import { RECORDED, SERVICE_LABEL, SLI_KIND_LABEL, SLO_LABEL, TEAM_LABEL, WINDOW_LABEL } from '../../../core/conventions/metrics.js';
import { formatDuration } from '../../../core/model/duration.js';
import { objectiveRatio, type Slo } from '../../../core/model/slo.js';
import { BASE_WINDOW_MS } from '../../../core/windows/alert-windows.js';
import type { CountWindowPlan, RecordedCountWindow } from '../../../core/windows/count-windows.js';
import { eventQueries, goodFromRecordedTotal, sliEventQueries } from '../../../core/sli/event-queries.js';
import { sliceJudgmentTexts } from '../../../core/sli/slice-queries.js';
import { averageRange, budgetText, series } from '../../../core/promql/promql-text.js';
import { tiledCountText } from '../../../core/promql/window-count-text.js';
import type { RecordingRule } from './rule-types.js';
import { rawWindowErrorRatio, windowCount, windowSecondsExpr } from './window-queries.js';
import { windowLabel } from '../../../core/windows/window-text.js';
import { hasEventCounts } from '../../../core/sli/sli-kinds.js';

export interface SloRecordingRules {
  /** Evaluated every evaluation interval: what page alerts read. */
  fast: RecordingRule[];
  /** Evaluated every few minutes: ticket-only tiles, the whole window, metadata. */
  slow: RecordingRule[];
}

const COUNT_METRICS = [RECORDED.goodEvents, RECORDED.totalEvents] as const;

function windowed(record: string, slo: Slo, windowMs: number, expr: string): RecordingRule {
  return { record, expr, labels: { [SLO_LABEL]: slo.id, [WINDOW_LABEL]: formatDuration(windowMs) } };
}

function countRules(slo: Slo, recorded: RecordedCountWindow): RecordingRule[] {
  const { windowMs, source } = recorded;
  if (source.kind === 'average') {
    const slots = windowMs / BASE_WINDOW_MS;
    return COUNT_METRICS.map((metric) => windowed(metric, slo, windowMs, `avg_over_time(${series(metric, slo.id, BASE_WINDOW_MS)}${averageRange(windowMs)}) * ${slots}`));
  }
  if (source.kind === 'tiles') {
    return COUNT_METRICS.map((metric) => windowed(metric, slo, windowMs, tiledCountText(series(metric, slo.id, source.tileMs), source.tileMs, source.count)));
  }
  const queries = eventQueries(slo, windowMs);
  if (queries.kind !== 'counts') throw new Error(`${slo.id}: a raw SLI has no event counts`);
  // The total first: the good events read it back rather than the raw series again.
  const recordedTotal = series(RECORDED.totalEvents, slo.id, windowMs);
  const good = goodFromRecordedTotal(slo, windowMs, recordedTotal, [SLO_LABEL, WINDOW_LABEL]) ?? queries.good;
  return [windowed(RECORDED.totalEvents, slo, windowMs, queries.total), windowed(RECORDED.goodEvents, slo, windowMs, good)];
}

/** Raw SLIs: the author's five-minute error ratio, longer windows as its time average. */
function rawRatioRules(slo: Slo, windowsMs: readonly number[]): RecordingRule[] {
  const queries = eventQueries(slo);
  if (queries.kind !== 'errorRatio') throw new Error(`${slo.id}: not a raw SLI`);
  return windowsMs.map((windowMs) =>
    windowed(
      RECORDED.errorRatio,
      slo,
      windowMs,
      windowMs === BASE_WINDOW_MS
        ? queries.errorRatio
        : `avg_over_time(${series(RECORDED.errorRatio, slo.id, BASE_WINDOW_MS)}${averageRange(windowMs)})`,
    ),
  );
}

/** Whole-window series carry the SLO window ("30d", "month"), not the window of the counts they sum. */
function wholeWindowLabels(slo: Slo): Record<string, string> {
  return { [SLO_LABEL]: slo.id, [WINDOW_LABEL]: windowLabel(slo.window) };
}

/** `1 - (good / total)` over the whole window, per group. */
export function wholeWindowErrorRatio(slo: Slo): string {
  if (!hasEventCounts(slo.sli)) return series(RECORDED.windowErrorRatio, slo.id);
  return `(1 - (${series(RECORDED.windowGoodEvents, slo.id)} / ${series(RECORDED.windowTotalEvents, slo.id)}))`;
}

function wholeWindowRules(slo: Slo, plan: CountWindowPlan): RecordingRule[] {
  const labels = wholeWindowLabels(slo);
  if (!hasEventCounts(slo.sli)) return [{ record: RECORDED.windowErrorRatio, expr: rawWindowErrorRatio(slo), labels }];
  return [
    { record: RECORDED.windowGoodEvents, expr: windowCount(slo, RECORDED.goodEvents, plan), labels },
    { record: RECORDED.windowTotalEvents, expr: windowCount(slo, RECORDED.totalEvents, plan), labels },
  ];
}

function metadataRules(slo: Slo): RecordingRule[] {
  const info = {
    [SLO_LABEL]: slo.id,
    [SERVICE_LABEL]: slo.service,
    [TEAM_LABEL]: slo.team,
    [SLI_KIND_LABEL]: slo.sli.kind,
    [WINDOW_LABEL]: windowLabel(slo.window),
  };
  return [
    {
      record: RECORDED.budgetRemaining,
      // The worst group's: one series per SLO (the budget-exhausted alert reads each group's own).
      expr: `min by (${SLO_LABEL}) (1 - ${wholeWindowErrorRatio(slo)} / ${budgetText(slo)})`,
      labels: wholeWindowLabels(slo),
    },
    { record: RECORDED.objective, expr: `vector(${objectiveRatio(slo)})`, labels: info },
    { record: RECORDED.windowSeconds, expr: windowSecondsExpr(slo.window), labels: wholeWindowLabels(slo) },
  ];
}

/** Time-slice SLOs: the judgment of the slice that just ended, first in its group so the counts read it. */
function sliceJudgmentRules(slo: Slo): RecordingRule[] {
  if (!slo.timeSlices) return [];
  const timed = { ...slo, timeSlices: slo.timeSlices };
  const events = slo.sli.kind === 'threshold' ? undefined : sliEventQueries(slo, slo.timeSlices.sliceSeconds * 1000);
  const { good, judged } = sliceJudgmentTexts(timed, events);
  return [
    { record: RECORDED.sliceJudged, expr: judged, labels: { [SLO_LABEL]: slo.id } },
    { record: RECORDED.sliceGood, expr: good, labels: { [SLO_LABEL]: slo.id } },
  ];
}

export function recordingRules(slo: Slo, plan: CountWindowPlan, rawWindowsMs: readonly number[]): SloRecordingRules {
  const slowTail = [...wholeWindowRules(slo, plan), ...metadataRules(slo)];
  if (!hasEventCounts(slo.sli)) return { fast: rawRatioRules(slo, rawWindowsMs), slow: slowTail };
  const counts = (slow: boolean) => plan.recorded.filter((r) => r.slow === slow).flatMap((r) => countRules(slo, r));
  return { fast: [...sliceJudgmentRules(slo), ...counts(false)], slow: [...counts(true), ...slowTail] };
}
