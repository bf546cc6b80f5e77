/** The rule groups of one SLO: recording rules first (evaluated in order), alerts in their own group. */
import { alertingGroupName, recordingGroupName } from '../../conventions/metrics.js';
import type { Slo } from '../../model/slo.js';
import { alertingPeriodMs, alertWindows, recordedWindowsMs } from '../../maths/alert-windows.js';
import { alertingRules } from './alert-rules.js';
import { recordingRules } from './recording-rules.js';
import type { RuleGroup } from './rule-types.js';

export function sloAlertWindows(slo: Slo) {
  return alertWindows(alertingPeriodMs(slo.window));
}

export function sloRuleGroups(slo: Slo): RuleGroup[] {
  const windows = sloAlertWindows(slo);
  const groups: RuleGroup[] = [{ name: recordingGroupName(slo.id), rules: recordingRules(slo, recordedWindowsMs(windows)) }];
  const alerts = alertingRules(slo, windows);
  if (alerts.length > 0) groups.push({ name: alertingGroupName(slo.id), rules: alerts });
  return groups;
}
