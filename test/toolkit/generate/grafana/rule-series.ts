/**
 * What the generated rules write: every recorded series and alert with its fixed label values and the
 * labels it may carry besides (groupBy labels pass through `sum by`; `cluster` is an external label).
 */
import { ALERT_STATE_LABEL, ALERTS_SERIES, CLUSTER_LABEL } from '../../../../src/core/conventions/metrics.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { sloRuleGroups } from '../../../../src/toolkit/generate/prometheus/rule-groups.js';
import type { LabelMatcher, ParsedSelector } from '../../../../src/core/promql/promql.js';
import { selectorsOf } from './dashboard-queries.js';

export interface ProducedSeries {
  name: string;
  labels: Record<string, string>;
  /** Labels whose value the rule does not fix. */
  openLabels: Set<string>;
}

export function producedSeries(slos: readonly Slo[]): ProducedSeries[] {
  const produced: ProducedSeries[] = [];
  for (const slo of slos) {
    for (const group of sloRuleGroups(slo)) {
      for (const rule of group.rules) {
        const fromSeries = selectorsOf(rule.expr).length > 0;
        const open = new Set([CLUSTER_LABEL, ...(fromSeries ? slo.groupBy : [])]);
        if ('record' in rule) {
          produced.push({ name: rule.record, labels: { ...rule.labels }, openLabels: open });
        } else {
          open.add(ALERT_STATE_LABEL);
          produced.push({ name: ALERTS_SERIES, labels: { ...rule.labels, alertname: rule.alert }, openLabels: open });
        }
      }
    }
  }
  return produced;
}

/** Prometheus anchors regex matchers; an absent label has the value "". */
export function matches(m: LabelMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return new RegExp(`^(?:${m.value})$`).test(value);
    case '!~':
      return !new RegExp(`^(?:${m.value})$`).test(value);
  }
}

/** True when some series of `series` can satisfy every matcher of the selector. */
export function canMatch(selector: ParsedSelector, series: ProducedSeries): boolean {
  if (selector.metric !== series.name) return false;
  return selector.matchers.every((m) => {
    if (m.name === '__name__') return true;
    if (m.name in series.labels) return matches(m, series.labels[m.name] ?? '');
    // An open label may hold any value (or none); a label the series never has is "".
    return series.openLabels.has(m.name) || matches(m, '');
  });
}
