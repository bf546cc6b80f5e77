/**
 * The no-data test of one rule file (alerts/promtool/<service>.no-data.test.yaml). An SLO without input series
 * raises SloNoData, and promtool expects every alert of a name to be listed, so a no-data check in each SLO's
 * own file would list the alert of every neighbour: a service's tests would grow with the square of its SLOs.
 * One test file per rule file checks every SLO's no-data alert at once instead.
 */
import { ALERT_NAMES } from '../../../core/conventions/metrics.js';
import type { Slo } from '../../../core/model/slo.js';
import type { EventSource } from '../../../core/synthetic/event-series.js';
import { seriesText } from '../../../core/synthetic/label-matching.js';
import { formatDuration } from '../../../core/model/duration.js';
import { yamlHeader } from '../header.js';
import { yamlText } from '../yaml-text.js';
import { BASE_MINUTES, type ScenarioContext } from './scenario-types.js';
import { durationText } from './burn-scenarios.js';
import { firesWithoutSeries, healthyThenStale, noDataForMinutes, STALE_AFTER, staleFiresBy, staleStateKnown } from './guard-scenarios.js';
import { inputValues } from './input-values.js';
import type { RuleFileContext } from './rule-file-context.js';

/** An SLO whose healthy-then-stale series this file feeds, with what its own scenarios were planned from. */
export interface FedSlo {
  slo: Slo;
  source: Extract<EventSource, { ok: true }>;
  context: ScenarioContext;
  intervalMs: number;
}

const sortedUnique = (minutes: number[]) => [...new Set(minutes)].sort((a, b) => a - b);

/** The check at `minute`: every SLO of the rule file whose no-data alert fires then, and no other. */
function checkAt(minute: number, checked: readonly Slo[], fires: (slo: Slo) => boolean, context: RuleFileContext) {
  return { eval_time: durationText(minute), alertname: ALERT_NAMES.noData, exp_alerts: checked.filter(fires).flatMap((slo) => context.noDataOf(slo)) };
}

/** No input at all: each SLO's alert is pending from the start and fires once its `for` has passed. */
function withoutSeries(checked: readonly Slo[], context: RuleFileContext) {
  const minutes = sortedUnique(checked.flatMap((slo) => [noDataForMinutes(slo) - 1, noDataForMinutes(slo) + 2 * BASE_MINUTES].filter((m) => m > 0)));
  return {
    name: "no data: no input series at all; each SLO's SloNoData is pending for its `for`, then fires",
    interval: '1m',
    input_series: [],
    alert_rule_test: minutes.map((minute) => checkAt(minute, checked, (slo) => firesWithoutSeries(slo, minute), context)),
  };
}

/**
 * The fed SLOs' series (one sample interval for all) are healthy, then go stale; the others have none. Checked
 * at the minutes where every fed SLO's alert is surely quiet or surely firing.
 */
function healthyThenGone(fed: readonly FedSlo[], intervalMs: number, checked: readonly Slo[], context: RuleFileContext) {
  const isFed = new Set(fed.map((f) => f.slo));
  const minutes = sortedUnique([STALE_AFTER, ...fed.map((f) => staleFiresBy(f.slo))]).filter((m) => fed.every((f) => staleStateKnown(f.slo, m)));
  const fires = (minute: number) => (slo: Slo) => (isFed.has(slo) ? minute >= staleFiresBy(slo) : firesWithoutSeries(slo, minute));
  return {
    name: `no data: healthy series of ${fed.map((f) => f.slo.id).join(', ')} go stale after ${durationText(STALE_AFTER)}; each SloNoData fires once the five-minute count has been absent for its \`for\``,
    interval: formatDuration(intervalMs),
    input_series: fed.flatMap(({ slo, source, context: scenario }) => {
      const timeline = healthyThenStale(scenario);
      return source.series.map((s) => ({ series: seriesText(s.labels), values: inputValues(slo, s.role, timeline, intervalMs) }));
    }),
    alert_rule_test: minutes.map((minute) => checkAt(minute, checked, fires(minute), context)),
  };
}

/**
 * The rule file's no-data test, or undefined when no SLO of it has the alert. `fed`: the SLOs whose series go
 * stale here (the rest keep that check in their own file); every SLO with the alert is checked.
 */
export function renderNoDataPromtoolTest(fileSlos: readonly Slo[], fed: readonly FedSlo[], ruleFile: string, context: RuleFileContext): string | undefined {
  const checked = fileSlos.filter((slo) => slo.alerting.noData.enabled);
  if (checked.length === 0) return undefined;
  const byInterval = new Map<number, FedSlo[]>();
  for (const f of fed) byInterval.set(f.intervalMs, [...(byInterval.get(f.intervalMs) ?? []), f]);
  const doc = {
    rule_files: [ruleFile],
    evaluation_interval: '1m',
    group_eval_order: [...context.groupEvalOrder],
    tests: [withoutSeries(checked, context), ...[...byInterval].map(([interval, group]) => healthyThenGone(group, interval, checked, context))],
  };
  const comments = [
    `promtool unit tests of the no-data alerts of every SLO in ${ruleFile}; run: promtool test rules <this file>.`,
    'Input series are synthesized from the SLO selectors; SLOs without input raise the alert too, so each check lists every SLO that fires.',
  ];
  return yamlHeader(fileSlos.map((slo) => slo.source.file)) + comments.map((line) => `# ${line}\n`).join('') + yamlText(doc);
}
