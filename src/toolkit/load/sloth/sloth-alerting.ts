/**
 * Sloth alerting as Burnrate alerting. `disable: true` switches a tier off, a tier's `severity` label
 * becomes its severity, `alerting.labels` go on every alert, and a `runbook` annotation with a URL becomes
 * the runbook link. Other annotations and per-tier labels have no Burnrate place and are reported as
 * warnings (Burnrate routes by team and severity); the alert name is not used (Burnrate's names are fixed).
 */
import type { AlertingInput, TierInput } from '../../sdk/types.js';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { labelStrings, type SlothAlert, type SlothAlerting, type SlothStyle } from './sloth-schema.js';

const RUNBOOK_ANNOTATIONS = ['runbook', 'runbook_url', 'runbookUrl'];
const NOT_KEPT_ANNOTATION = 'is not kept: Burnrate alerts carry their own summary with the budget left, the burn rate, and the runbook and dashboard links';

export interface ConvertedAlerting {
  alerting?: AlertingInput;
  runbookUrl?: string;
}

function tier(alert: SlothAlert | undefined, field: string, sink: ProblemSink): TierInput | undefined {
  if (!alert) return undefined;
  if (alert.disable) return false;
  let severity: string | undefined;
  for (const [name, value] of Object.entries(labelStrings(alert.labels))) {
    if (name === 'severity') severity = value;
    else sink.warning('sloth-tier-label', `${field}.labels.${name}`, 'is not kept: Burnrate sets per-tier severity only and routes alerts by team and severity; labels for every alert go under alerting.labels');
  }
  for (const name of Object.keys(alert.annotations ?? {})) sink.warning('sloth-annotation', `${field}.annotations.${name}`, NOT_KEPT_ANNOTATION);
  return severity === undefined ? undefined : { severity };
}

export function slothAlerting(alerting: SlothAlerting | undefined, style: SlothStyle, path: string, sink: ProblemSink): ConvertedAlerting {
  if (!alerting) return {};
  const result: AlertingInput = {};
  let runbookUrl: string | undefined;
  // alerting.name is required by Sloth, so a warning could never be fixed: Burnrate's alert names are fixed
  // (ALERT_NAMES, labelled slo="<id>"), and docs/formats.md says the Sloth name is not used.
  const labels = labelStrings(alerting.labels);
  if (Object.keys(labels).length > 0) result.labels = labels;
  for (const [name, value] of Object.entries(alerting.annotations ?? {})) {
    if (RUNBOOK_ANNOTATIONS.includes(name) && /^https?:\/\//.test(value.trim())) runbookUrl = value.trim();
    else sink.warning('sloth-annotation', `${path}.annotations.${name}`, NOT_KEPT_ANNOTATION);
  }
  const page = tier(alerting[style.pageAlert] as SlothAlert | undefined, `${path}.${style.pageAlert}`, sink);
  const ticket = tier(alerting[style.ticketAlert] as SlothAlert | undefined, `${path}.${style.ticketAlert}`, sink);
  if (page !== undefined) result.page = page;
  if (ticket !== undefined) result.ticket = ticket;
  return { ...(Object.keys(result).length > 0 ? { alerting: result } : {}), ...(runbookUrl ? { runbookUrl } : {}) };
}
