/**
 * Pyrra's metadata.labels as Burnrate labels, service and team. Pyrra copies `pyrra.dev/<name>` labels onto
 * its rules and alerts as `<name>`, so the prefix is dropped; a name that is no Prometheus label name (a
 * Kubernetes label such as `app.kubernetes.io/part-of`) only selects the object and is not kept. The label
 * `service` names the service; the team is read as for Sloth (`team`, else `owner`).
 */
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { teamFromLabels } from '../team-label.js';

const PROPAGATED = 'pyrra.dev/';
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export interface PyrraLabels {
  service?: string;
  team?: string;
  labels: Record<string, string>;
  /** Burnrate name (`team`, `service`, `labels.x`) → the key written in metadata.labels. */
  keys: Record<string, string>;
}

export function pyrraLabels(written: Readonly<Record<string, string>>, sink: ProblemSink): PyrraLabels {
  const labels: Record<string, string> = {};
  const keys: Record<string, string> = {};
  // Plain names first, so a pyrra.dev/ label wins over the same plain name.
  const entries = Object.entries(written).sort(([a], [b]) => Number(a.startsWith(PROPAGATED)) - Number(b.startsWith(PROPAGATED)));
  for (const [key, value] of entries) {
    const name = key.startsWith(PROPAGATED) ? key.slice(PROPAGATED.length) : key;
    if (!LABEL_NAME.test(name)) {
      if (key.startsWith(PROPAGATED)) sink.error('pyrra-label', `metadata.labels.${key}`, `"${name}" is not a Prometheus label name (letters, digits and _)`);
      continue;
    }
    labels[name] = value;
    keys[name] = key;
  }
  const service = labels.service;
  delete labels.service;
  const owner = teamFromLabels(labels);
  const renamed: Record<string, string> = Object.fromEntries(Object.keys(owner.labels).map((name) => [`labels.${name}`, keys[name] as string]));
  if (owner.label) renamed.team = keys[owner.label] as string;
  if (service !== undefined) renamed.service = keys.service as string;
  return { ...(service !== undefined ? { service } : {}), ...(owner.team !== undefined ? { team: owner.team } : {}), labels: owner.labels, keys: renamed };
}
