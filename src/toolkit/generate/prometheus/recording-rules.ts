/** Recording rules of one SLO: five-minute counts, derived window counts and ratios, the whole window, metadata. */
import { RECORDED, SERVICE_LABEL, SLI_KIND_LABEL, SLO_LABEL, TEAM_LABEL, WINDOW_LABEL } from '../../../core/conventions/metrics.js';
import { formatDuration } from '../../../core/model/duration.js';
import { objectiveRatio, type Slo } from '../../../core/model/slo.js';
import { BASE_WINDOW_MS } from '../../../core/windows/alert-windows.js';
import { eventQueries } from '../../../core/sli/event-queries.js';
import { budgetText, series } from '../../../core/promql/promql-text.js';
import type { RecordingRule } from './rule-types.js';
import { rawWindowErrorRatio, windowCount, windowSecondsExpr } from './window-queries.js';
import { windowLabel } from '../../../core/windows/window-text.js';
import { hasEventCounts } from '../../../core/sli/sli-kinds.js';

function windowed(record: string, slo: Slo, windowMs: number, expr: string): RecordingRule {
  return { record, expr, labels: { [SLO_LABEL]: slo.id, [WINDOW_LABEL]: formatDuration(windowMs) } };
}

function errorRatioFromCounts(slo: Slo, windowMs: number): string {
  const good = series(RECORDED.goodEvents, slo.id, windowMs);
  const total = series(RECORDED.totalEvents, slo.id, windowMs);
  return `1 - (${good} / ${total})`;
}

/** Counts per window: the five-minute ones from raw series, longer ones from the recorded five-minute counts. */
function countRules(slo: Slo, good: string, total: string, windowsMs: readonly number[]): RecordingRule[] {
  const rules: RecordingRule[] = [
    windowed(RECORDED.goodEvents, slo, BASE_WINDOW_MS, good),
    windowed(RECORDED.totalEvents, slo, BASE_WINDOW_MS, total),
  ];
  for (const windowMs of windowsMs) {
    if (windowMs === BASE_WINDOW_MS) continue;
    const slots = windowMs / BASE_WINDOW_MS;
    const range = formatDuration(windowMs);
    for (const metric of [RECORDED.goodEvents, RECORDED.totalEvents]) {
      rules.push(windowed(metric, slo, windowMs, `avg_over_time(${series(metric, slo.id, BASE_WINDOW_MS)}[${range}]) * ${slots}`));
    }
  }
  for (const windowMs of windowsMs) {
    rules.push(windowed(RECORDED.errorRatio, slo, windowMs, errorRatioFromCounts(slo, windowMs)));
  }
  return rules;
}

function rawRatioRules(slo: Slo, errorRatio: string, windowsMs: readonly number[]): RecordingRule[] {
  return windowsMs.map((windowMs) =>
    windowed(
      RECORDED.errorRatio,
      slo,
      windowMs,
      windowMs === BASE_WINDOW_MS
        ? errorRatio
        : `avg_over_time(${series(RECORDED.errorRatio, slo.id, BASE_WINDOW_MS)}[${formatDuration(windowMs)}])`,
    ),
  );
}

/** Whole-window series carry the SLO window ("30d", "month"), not the window of the counts they sum. */
function wholeWindowLabels(slo: Slo): Record<string, string> {
  return { [SLO_LABEL]: slo.id, [WINDOW_LABEL]: windowLabel(slo.window) };
}

function wholeWindowRules(slo: Slo): RecordingRule[] {
  const labels = wholeWindowLabels(slo);
  if (!hasEventCounts(slo.sli)) {
    return [{ record: RECORDED.windowErrorRatio, expr: rawWindowErrorRatio(slo), labels }];
  }
  const good = series(RECORDED.windowGoodEvents, slo.id);
  const total = series(RECORDED.windowTotalEvents, slo.id);
  return [
    { record: RECORDED.windowGoodEvents, expr: windowCount(slo, RECORDED.goodEvents), labels },
    { record: RECORDED.windowTotalEvents, expr: windowCount(slo, RECORDED.totalEvents), labels },
    { record: RECORDED.windowErrorRatio, expr: `1 - (${good} / ${total})`, labels },
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
      expr: `1 - (${series(RECORDED.windowErrorRatio, slo.id)} / ${budgetText(slo)})`,
      labels: wholeWindowLabels(slo),
    },
    { record: RECORDED.objective, expr: `vector(${objectiveRatio(slo)})`, labels: info },
    { record: RECORDED.windowSeconds, expr: windowSecondsExpr(slo.window), labels: wholeWindowLabels(slo) },
  ];
}

export function recordingRules(slo: Slo, windowsMs: readonly number[]): RecordingRule[] {
  const queries = eventQueries(slo);
  const perWindow =
    queries.kind === 'counts'
      ? countRules(slo, queries.good, queries.total, windowsMs)
      : rawRatioRules(slo, queries.errorRatio, windowsMs);
  return [...perWindow, ...wholeWindowRules(slo), ...metadataRules(slo)];
}
