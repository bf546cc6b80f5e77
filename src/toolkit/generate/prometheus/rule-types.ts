export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  /** Keeps a firing alert firing this long after its expression stops matching (Prometheus ≥ 2.42). */
  keep_firing_for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Rule[];
}
