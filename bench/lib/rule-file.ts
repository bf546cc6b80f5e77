/** Reads Prometheus rule files (ours and Sloth's) into plain recording and alerting rules. */
import { parse } from 'yaml';

export interface RecordingRuleSpec {
  group: string;
  /** The group's own `interval`, if it sets one (else the global evaluation interval applies). */
  intervalSeconds?: number;
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRuleSpec {
  group: string;
  alert: string;
  expr: string;
  forSeconds: number;
  keepFiringForSeconds: number;
  labels: Record<string, string>;
}

export interface RuleSet {
  recording: RecordingRuleSpec[];
  alerting: AlertingRuleSpec[];
  groups: string[];
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

export function durationSeconds(text: string | undefined): number {
  if (!text) return 0;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([smhdw])/g)) total += Number(n) * (UNIT_SECONDS[unit ?? 's'] ?? 1);
  return total;
}

export function parseRuleFile(text: string): RuleSet {
  const doc = parse(text) as { groups?: Array<{ name: string; interval?: string; rules: any[] }>; spec?: { groups: Array<{ name: string; interval?: string; rules: any[] }> } };
  const groups = doc.groups ?? doc.spec?.groups ?? [];
  const set: RuleSet = { recording: [], alerting: [], groups: groups.map((g) => g.name) };
  for (const group of groups) {
    for (const rule of group.rules) {
      const labels = (rule.labels ?? {}) as Record<string, string>;
      if (rule.record) {
        const interval = group.interval ? { intervalSeconds: durationSeconds(group.interval) } : {};
        set.recording.push({ group: group.name, ...interval, record: rule.record, expr: String(rule.expr), labels });
      }
      else if (rule.alert) set.alerting.push({ group: group.name, alert: rule.alert, expr: String(rule.expr), forSeconds: durationSeconds(rule.for), keepFiringForSeconds: durationSeconds(rule.keep_firing_for), labels });
    }
  }
  return set;
}

export function mergeRuleSets(sets: readonly RuleSet[]): RuleSet {
  return {
    recording: sets.flatMap((s) => s.recording),
    alerting: sets.flatMap((s) => s.alerting),
    groups: sets.flatMap((s) => s.groups),
  };
}
