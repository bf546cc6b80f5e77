/** The rule groups of one SLO: recording rules first (evaluated in order), alerts in their own group. */
import { alertingGroupName, recordingGroupName } from '../../../core/conventions/metrics.js';
import type { Slo } from '../../../core/model/slo.js';
import { recordedWindowsMs, sloAlertWindows, type AlertWindow } from '../../../core/windows/alert-windows.js';
import { alertingRules } from './alert-rules.js';
import { recordingRules } from './recording-rules.js';
import type { RuleGroup } from './rule-types.js';
import { calendarStepMs } from './window-queries.js';

/** The alert windows, plus the step a calendar period is summed in. */
function sloRecordedWindowsMs(slo: Slo, windows: readonly AlertWindow[]): number[] {
  const recorded = recordedWindowsMs(windows);
  const step = calendarStepMs(slo.window);
  return step === undefined || recorded.includes(step) ? recorded : [...recorded, step].sort((a, b) => a - b);
}

export function sloRuleGroups(slo: Slo): RuleGroup[] {
  const windows = sloAlertWindows(slo);
  const groups: RuleGroup[] = [{ name: recordingGroupName(slo.id), rules: recordingRules(slo, sloRecordedWindowsMs(slo, windows)) }];
  const alerts = alertingRules(slo, windows);
  if (alerts.length > 0) groups.push({ name: alertingGroupName(slo.id), rules: alerts });
  return groups;
}
