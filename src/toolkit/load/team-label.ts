/**
 * The owning team of formats that carry it as a label (Sloth, Pyrra): the label `team`, else `owner`.
 * The label is consumed, as Burnrate puts `team` on every alert itself.
 */
import type { ProblemSink } from '../../core/diagnostics/problem.js';

const TEAM_LABELS = ['team', 'owner'];

export interface LabelOwnership {
  team?: string;
  /** The label the team came from, e.g. "owner". */
  label?: string;
  /** The other labels. */
  labels: Record<string, string>;
}

/** `field` is where the labels sit in the source, e.g. `spec.labels`, for the problem when there is no team. */
export function teamFromLabels(labels: Readonly<Record<string, string>>, field: string, sink: ProblemSink): LabelOwnership {
  const label = TEAM_LABELS.find((name) => labels[name] !== undefined && labels[name].trim() !== '');
  const rest = { ...labels };
  if (!label) {
    sink.error('missing-team', field, 'no owning team: set the label "team" (or "owner") to the team that alerts route to');
    return { labels: rest };
  }
  delete rest[label];
  return { team: (labels[label] as string).trim(), label, labels: rest };
}
