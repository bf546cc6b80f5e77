/**
 * Pyrra's alerting options as Burnrate alerting. Pyrra's burn-rate alerts are Burnrate's page (critical)
 * and ticket (warning) tiers, its absent alert Burnrate's no-data alert. Alert names are Burnrate's own
 * (routing on another name would silently stop), so a custom name is refused, naming the field.
 */
import type { AlertingInput } from '../../sdk/types.js';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { ALERT_NAMES } from '../../../core/conventions/metrics.js';
import type { PyrraAlerting } from './pyrra-schema.js';

const AT = 'spec.alerting';

export interface ConvertedAlerting {
  alerting?: AlertingInput;
  /** Authoring field → its path in the object. */
  fields: Record<string, string>;
}

export function pyrraAlerting(alerting: PyrraAlerting | undefined, sink: ProblemSink): ConvertedAlerting | undefined {
  if (!alerting) return { fields: {} };
  let ok = true;
  for (const key of ['name', 'absentName'] as const) {
    if (alerting[key] === undefined) continue;
    sink.error('pyrra-alert-name', `${AT}.${key}`, `Burnrate's alerts have fixed names (${Object.values(ALERT_NAMES).join(', ')}) labelled slo="<service>-<name>"; route on those and remove ${key} (${JSON.stringify(alerting[key])})`);
    ok = false;
  }
  if (!ok) return undefined;
  const result: AlertingInput = {};
  const fields: Record<string, string> = { alerting: AT };
  const off = alerting.disabled === true ? 'disabled' : alerting.burnrates === false ? 'burnrates' : undefined;
  if (off) {
    result.page = false;
    result.ticket = false;
    Object.assign(fields, { 'alerting.page': `${AT}.${off}`, 'alerting.ticket': `${AT}.${off}` });
  }
  if (alerting.absent === false) {
    result.noData = false;
    fields['alerting.noData'] = `${AT}.absent`;
  }
  return { ...(Object.keys(result).length > 0 ? { alerting: result } : {}), fields };
}
