/**
 * Who owns an OpenSLO SLO, and its labels. The team comes from, in order: the SLO's annotation
 * `burnrate.dev/team`, the SLO's label `team`, then the same two on its Service object. The `team` label is
 * consumed (Burnrate puts `team` on every alert itself); every other label of the Service and the SLO
 * becomes a Burnrate label, the SLO's winning. Without a team anywhere, alerts route to a team named like
 * the service, with a warning.
 */
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { defaultTeam } from '../team-label.js';
import { ANNOTATIONS } from './burnrate-annotations.js';
import type { Metadata } from './openslo-schema.js';

export const TEAM_LABEL = 'team';

type LabelValue = NonNullable<Metadata['labels']>[string];

function labelText(value: LabelValue, field: string, sink: ProblemSink | undefined): string | undefined {
  if (!Array.isArray(value)) return String(value);
  if (value.length === 1) return value[0];
  sink?.error('label-list', field, `holds ${value.length} values; a Prometheus label holds one`);
  return undefined;
}

/** Without a sink, list values are skipped silently (their object reports them). */
function readLabels(metadata: Metadata | undefined, sink?: ProblemSink): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata?.labels ?? {})) {
    const text = labelText(value, `metadata.labels.${name}`, sink);
    if (text !== undefined) labels[name] = text;
  }
  return labels;
}

export interface Ownership {
  /** The owning team; the service's name (with a warning) when neither the SLO nor its Service names one. */
  team: string;
  labels: Record<string, string>;
  /** Where the team was written: a field of the SLO or (onService) of its Service. */
  teamFrom?: { path: string; onService: boolean };
  /** Labels that came from the Service rather than the SLO. */
  fromService: Set<string>;
}

function teamSource(slo: Metadata, sloLabels: Record<string, string>, service: Metadata | undefined, serviceLabels: Record<string, string>) {
  const candidates = [
    { value: slo.annotations?.[ANNOTATIONS.team], path: `metadata.annotations["${ANNOTATIONS.team}"]`, onService: false },
    { value: sloLabels[TEAM_LABEL], path: `metadata.labels.${TEAM_LABEL}`, onService: false },
    { value: service?.annotations?.[ANNOTATIONS.team], path: `metadata.annotations["${ANNOTATIONS.team}"]`, onService: true },
    { value: serviceLabels[TEAM_LABEL], path: `metadata.labels.${TEAM_LABEL}`, onService: true },
  ];
  return candidates.find((c) => c.value !== undefined);
}

export function readOwnership(slo: Metadata, service: Metadata | undefined, serviceName: string, sink: ProblemSink): Ownership {
  const sloLabels = readLabels(slo, sink);
  // Problems in the Service's labels are reported once, by the Service itself.
  const serviceLabels = readLabels(service);
  const source = teamSource(slo, sloLabels, service, serviceLabels);
  const team = source?.value;
  const labels = { ...serviceLabels, ...sloLabels };
  delete labels[TEAM_LABEL];
  const fromService = new Set(Object.keys(labels).filter((name) => sloLabels[name] === undefined));
  if (!source || team === undefined || team.trim() === '') {
    const how = `set the label "team" or the annotation "${ANNOTATIONS.team}" on this SLO or on its Service "${serviceName}"`;
    return { team: defaultTeam(serviceName, 'metadata.labels', how, sink), labels, fromService };
  }
  return { team: team.trim(), labels, teamFrom: { path: source.path, onService: source.onService }, fromService };
}

/** Reports label problems of a Service object (list values). */
export function checkServiceLabels(service: Metadata, sink: ProblemSink): void {
  readLabels(service, sink);
}
