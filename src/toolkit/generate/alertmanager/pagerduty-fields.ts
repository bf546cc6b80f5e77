/**
 * The templated fields of every Burnrate PagerDuty integration: what the on-call engineer reads. Values are
 * Alertmanager templates over the alert group (labels and annotations the rule generator sets).
 */
import { SERVICE_LABEL, SEVERITY_LABEL, SLO_LABEL, TEAM_LABEL, TIER_LABEL } from '../../../core/conventions/metrics.js';
import type { ReceiverKind } from './routing-model.js';

/** The only severities the Events API v2 accepts. */
export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
/** Severity sent when an SLO uses its own word (e.g. "page"): the receiver's urgency decides. */
const FALLBACK_SEVERITY: Record<ReceiverKind, string> = { page: 'critical', ticket: 'warning' };

export interface PagerDutyFields {
  description: string;
  severity: string;
  class: string;
  component: string;
  group: string;
  /** Ordered custom details; Alertmanager adds its own firing/resolved lists next to them. */
  details: [string, string][];
}

const label = (name: string) => `{{ .CommonLabels.${name} }}`;
const annotation = (name: string) => `{{ .CommonAnnotations.${name} }}`;

export function pagerDutyFields(kind: ReceiverKind): PagerDutyFields {
  const quoted = PAGERDUTY_SEVERITIES.map((s) => JSON.stringify(s)).join(' ');
  return {
    // Groups of a grouped SLO have different summaries; then name the SLO and how many groups burn.
    description: `{{ if .CommonAnnotations.summary }}${annotation('summary')}{{ else }}${label(SLO_LABEL)}: {{ len .Alerts.Firing }} groups firing {{ .CommonLabels.alertname }}{{ end }}`,
    severity: `{{ if eq .CommonLabels.${SEVERITY_LABEL} ${quoted} }}${label(SEVERITY_LABEL)}{{ else }}${FALLBACK_SEVERITY[kind]}{{ end }}`,
    class: label('alertname'),
    component: label(SERVICE_LABEL),
    group: label(TEAM_LABEL),
    details: [
      [SLO_LABEL, label(SLO_LABEL)],
      [SERVICE_LABEL, label(SERVICE_LABEL)],
      [TEAM_LABEL, label(TEAM_LABEL)],
      [TIER_LABEL, label(TIER_LABEL)],
      [SEVERITY_LABEL, label(SEVERITY_LABEL)],
      ['summary', annotation('summary')],
      ['description', annotation('description')],
      ['runbook_url', annotation('runbook_url')],
      ['dashboard_url', annotation('dashboard_url')],
    ],
  };
}
