/**
 * Pyrra's alerting options as Burnrate alerting. Pyrra's burn-rate alerts are Burnrate's page (critical)
 * and ticket (warning) tiers, its absent alert Burnrate's no-data alert. A custom `name` is kept as the name
 * of both burn alerts (as in Pyrra, where the severity label tells them apart; in Burnrate burnrate_tier
 * does). A custom `absentName` is refused, naming the field: Burnrate's no-data alert keeps its name.
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
  if (alerting.absentName !== undefined) {
    sink.error(
      'pyrra-alert-name',
      `${AT}.absentName`,
      `a custom name of the absent alert is not supported: Burnrate's no-data alert is ${ALERT_NAMES.noData} labelled slo="<service>-<name>"; route on that and remove absentName (${JSON.stringify(alerting.absentName)})`,
    );
    return undefined;
  }
  const result: AlertingInput = {};
  const fields: Record<string, string> = { alerting: AT };
  if (alerting.name !== undefined) {
    result.burnAlertName = alerting.name;
    fields['alerting.burnAlertName'] = `${AT}.name`;
  }
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
