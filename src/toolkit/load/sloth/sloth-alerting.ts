/**
 * Sloth alerting as Burnrate alerting, with the same meaning on the alerts: `alerting.name` is kept as the
 * name of both burn alerts (page and ticket, as in Sloth), `disable: true` switches a tier off, a tier's
 * `severity` label becomes its severity and its other labels and annotations stay on that tier's alert,
 * `alerting.labels` go on every alert, `alerting.annotations` on the page and ticket alerts (a tier's own
 * winning, as in Sloth), and a `runbook` annotation with a URL becomes the runbook link.
 */
import type { AlertingInput, TierInput } from '../../sdk/types.js';
import { labelStrings, type SlothAlert, type SlothAlerting, type SlothStyle } from './sloth-schema.js';

const RUNBOOK_ANNOTATIONS = ['runbook', 'runbook_url', 'runbookUrl'];
/**
 * The alert name `burnrate export --format sloth` writes for Burnrate's own names (SloErrorBudgetBurnPage,
 * SloErrorBudgetBurnTicket), which Sloth cannot tell apart; read back, it stands for them again.
 */
export const SLOTH_EXPORT_ALERT_NAME = 'SloErrorBudgetBurn';

export interface ConvertedAlerting {
  alerting?: AlertingInput;
  runbookUrl?: string;
  /** Authoring field → its path under the SLO's `alerting` (e.g. `alerting.page.annotations.summary` → `annotations.summary`). */
  fields: Record<string, string>;
}

function tier(
  name: 'page' | 'ticket',
  alert: SlothAlert | undefined,
  key: string,
  shared: Readonly<Record<string, string>>,
  fields: Record<string, string>,
): TierInput | undefined {
  if (alert?.disable) return false;
  let severity: string | undefined;
  const labels: Record<string, string> = {};
  for (const [label, value] of Object.entries(labelStrings(alert?.labels))) {
    if (label === 'severity') severity = value;
    else {
      labels[label] = value;
      fields[`alerting.${name}.labels.${label}`] = `${key}.labels.${label}`;
    }
  }
  for (const annotation of Object.keys(shared)) fields[`alerting.${name}.annotations.${annotation}`] = `annotations.${annotation}`;
  for (const annotation of Object.keys(alert?.annotations ?? {})) fields[`alerting.${name}.annotations.${annotation}`] = `${key}.annotations.${annotation}`;
  const annotations = { ...shared, ...alert?.annotations };
  const input = {
    ...(severity !== undefined ? { severity } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  return Object.keys(input).length > 0 ? input : undefined;
}

export function slothAlerting(alerting: SlothAlerting | undefined, style: SlothStyle): ConvertedAlerting {
  const fields: Record<string, string> = {};
  if (!alerting) return { fields };
  const result: AlertingInput = {};
  let runbookUrl: string | undefined;
  if (alerting.name !== undefined && alerting.name !== SLOTH_EXPORT_ALERT_NAME) {
    result.burnAlertName = alerting.name;
    fields['alerting.burnAlertName'] = 'name';
  }
  const labels = labelStrings(alerting.labels);
  if (Object.keys(labels).length > 0) result.labels = labels;
  const shared: Record<string, string> = {};
  for (const [name, value] of Object.entries(alerting.annotations ?? {})) {
    if (RUNBOOK_ANNOTATIONS.includes(name) && /^https?:\/\//.test(value.trim())) runbookUrl = value.trim();
    else shared[name] = value;
  }
  const page = tier('page', alerting[style.pageAlert] as SlothAlert | undefined, style.pageAlert, shared, fields);
  const ticket = tier('ticket', alerting[style.ticketAlert] as SlothAlert | undefined, style.ticketAlert, shared, fields);
  if (page !== undefined) result.page = page;
  if (ticket !== undefined) result.ticket = ticket;
  return { ...(Object.keys(result).length > 0 ? { alerting: result } : {}), ...(runbookUrl ? { runbookUrl } : {}), fields };
}
