/** Reads each tool's alert rules the same way: which scenario, which tier, which group value. */
import { alertingGroupName, TIER_LABEL } from '../../src/core/conventions/metrics.js';
import type { AlertingRuleSpec } from '../lib/rule-file.js';

export type AlertKind = 'page' | 'ticket' | 'nodata';

export interface ToolAlerts {
  tool: string;
  rules: AlertingRuleSpec[];
  kindOf: (rule: AlertingRuleSpec) => AlertKind | undefined;
  scenarioOf: (rule: AlertingRuleSpec) => string | undefined;
}

export const SERVICE = 'bench';

function byGroup(groupName: (id: string) => string, scenarioIds: readonly string[]) {
  return (rule: AlertingRuleSpec) => scenarioIds.find((id) => rule.group === groupName(id));
}

export function burnrateAlerts(rules: AlertingRuleSpec[], scenarioIds: readonly string[]): ToolAlerts {
  const kinds: Record<string, AlertKind> = { page: 'page', ticket: 'ticket', nodata: 'nodata' };
  return {
    tool: 'Burnrate',
    rules,
    kindOf: (rule) => kinds[rule.labels[TIER_LABEL] ?? ''],
    scenarioOf: byGroup((id) => alertingGroupName(`${SERVICE}-${id}`), scenarioIds),
  };
}

export function slothAlerts(rules: AlertingRuleSpec[], scenarioIds: readonly string[]): ToolAlerts {
  const kinds: Record<string, AlertKind> = { page: 'page', ticket: 'ticket' };
  return {
    tool: 'Sloth',
    rules,
    kindOf: (rule) => kinds[rule.labels.sloth_severity ?? ''],
    scenarioOf: byGroup((id) => `sloth-slo-alerts-${SERVICE}-${id}`, scenarioIds),
  };
}
