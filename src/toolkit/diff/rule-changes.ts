/** Prometheus rules added, removed and changed between two generated artifact sets, by name and labels. */
import { parse } from 'yaml';
import { SLO_LABEL, WINDOW_LABEL } from '../../core/conventions/metrics.js';
import { paths } from '../generate/artifacts.js';

export interface RuleEntry {
  /** `record` or `alert` name with its identifying labels, e.g. `SloNoData{slo="checkout-availability"}`. */
  key: string;
  kind: 'record' | 'alert';
  /** The SLO the rule belongs to (its `slo` label). */
  slo: string;
  file: string;
  fields: Record<string, string>;
}

export interface RuleChanges {
  added: RuleEntry[];
  removed: RuleEntry[];
  changed: { rule: RuleEntry; fields: string[] }[];
}

interface RawRule {
  record?: string;
  alert?: string;
  expr?: unknown;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

const RULES_DIR = paths.rules('x').slice(0, paths.rules('x').lastIndexOf('/') + 1);
const IDENTITY_LABELS = [SLO_LABEL, WINDOW_LABEL];

function flatten(rule: RawRule): Record<string, string> {
  const fields: Record<string, string> = { expr: String(rule.expr ?? '').trim() };
  if (rule.for) fields.for = rule.for;
  if (rule.keep_firing_for) fields.keep_firing_for = rule.keep_firing_for;
  for (const [key, value] of Object.entries(rule.labels ?? {})) fields[`labels.${key}`] = String(value);
  for (const [key, value] of Object.entries(rule.annotations ?? {})) fields[`annotations.${key}`] = String(value);
  return fields;
}

/** Every rule of the Prometheus rule files among the artifacts, keyed by name and identity labels. */
export function rulesOf(artifacts: ReadonlyMap<string, string>): Map<string, RuleEntry> {
  const rules = new Map<string, RuleEntry>();
  for (const [file, content] of artifacts) {
    if (!file.startsWith(RULES_DIR) || !/\.ya?ml$/.test(file)) continue;
    const doc = parse(content) as { groups?: { rules?: RawRule[] }[] } | null;
    for (const rule of (doc?.groups ?? []).flatMap((g) => g.rules ?? [])) {
      const name = rule.record ?? rule.alert ?? '?';
      const identity = IDENTITY_LABELS.filter((l) => rule.labels?.[l] !== undefined).map((l) => `${l}=${JSON.stringify(String(rule.labels?.[l]))}`);
      let key = `${name}{${identity.join(',')}}`;
      for (let n = 2; rules.has(key); n++) key = `${name}{${identity.join(',')}} #${n}`;
      const slo = String(rule.labels?.[SLO_LABEL] ?? '');
      rules.set(key, { key, kind: rule.record ? 'record' : 'alert', slo, file, fields: flatten(rule) });
    }
  }
  return rules;
}

export function compareRules(base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>): RuleChanges {
  const before = rulesOf(base);
  const after = rulesOf(head);
  const changes: RuleChanges = { added: [], removed: [], changed: [] };
  for (const [key, rule] of after) {
    const old = before.get(key);
    if (!old) {
      changes.added.push(rule);
      continue;
    }
    const names = [...new Set([...Object.keys(old.fields), ...Object.keys(rule.fields)])];
    const fields = names.filter((f) => old.fields[f] !== rule.fields[f]);
    if (fields.length > 0) changes.changed.push({ rule, fields });
  }
  for (const [key, rule] of before) if (!after.has(key)) changes.removed.push(rule);
  return changes;
}

export interface FileChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export function compareFiles(base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>): FileChanges {
  return {
    added: [...head.keys()].filter((f) => !base.has(f)),
    removed: [...base.keys()].filter((f) => !head.has(f)),
    changed: [...head.keys()].filter((f) => base.has(f) && base.get(f) !== head.get(f)),
  };
}
