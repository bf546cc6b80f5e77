/**
 * The rule groups of one SLO: counts every evaluation (in order: each tile after the counts it sums),
 * the slow group every few minutes, alerts in their own group.
 */
import { alertingGroupName, recordingGroupName, slowRecordingGroupName } from '../../../core/conventions/metrics.js';
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo } from '../../../core/model/slo.js';
import { recordedWindowsMs, sloAlertWindows } from '../../../core/windows/alert-windows.js';
import { SLOW_GROUP_INTERVAL_MS } from '../../../core/windows/count-windows.js';
import { alertingRules } from './alert-rules.js';
import { sloCountPlan } from './count-plan.js';
import { recordingRules } from './recording-rules.js';
import type { RuleGroup } from './rule-types.js';

export function sloRuleGroups(slo: Slo): RuleGroup[] {
  const windows = sloAlertWindows(slo);
  const plan = sloCountPlan(slo);
  const { fast, slow } = recordingRules(slo, plan, recordedWindowsMs(windows));
  const groups: RuleGroup[] = [
    // A time-slice SLO's counts group judges one slice per evaluation.
    { name: recordingGroupName(slo.id), ...(slo.timeSlices ? { interval: formatDuration(slo.timeSlices.sliceSeconds * 1000) } : {}), rules: fast },
    { name: slowRecordingGroupName(slo.id), interval: formatDuration(SLOW_GROUP_INTERVAL_MS), rules: slow },
  ];
  const alerts = alertingRules(slo, windows, plan);
  if (alerts.length > 0) groups.push({ name: alertingGroupName(slo.id), rules: alerts });
  return groups;
}
