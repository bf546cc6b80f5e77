/**
 * The owning team of formats that carry it as a label (Sloth, Pyrra): the label `team`, else `owner`.
 * The label is consumed, as Burnrate puts `team` on every alert itself. A spec without either is still
 * read: its alerts route to a team named like the service, and a warning says how to name the real one.
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

export function teamFromLabels(labels: Readonly<Record<string, string>>): LabelOwnership {
  const label = TEAM_LABELS.find((name) => labels[name] !== undefined && labels[name].trim() !== '');
  const rest = { ...labels };
  if (!label) return { labels: rest };
  delete rest[label];
  return { team: (labels[label] as string).trim(), label, labels: rest };
}

/**
 * The team of a spec that names none: the service's name, with a warning at `field` (where the labels
 * sit in the source, e.g. `spec.labels`). `how` says how to name the team in the source's own terms.
 */
export function defaultTeam(service: string, field: string, how: string, sink: ProblemSink): string {
  sink.warning('missing-team', field, `no owning team: alerts route to team "${service}", the service's name; ${how}`);
  return service;
}

export const LABEL_TEAM_HOW = 'set the label "team" (or "owner") to the team that owns it';
