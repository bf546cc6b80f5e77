/**
 * The validated SLOs as Sloth `prometheus/v1` specs, one document per service (and team), so a team can go
 * back to Sloth. Labels every SLO of a service shares go on the service, `team` among them. The export
 * checks its own work (sloth-check.ts): what Sloth cannot hold is a warning naming the SLO and the field.
 * SLOs Sloth cannot express at all (time slices) are left out with an error (sloth-refused.ts).
 */
import type { AlertTier, Slo } from '../../core/model/slo.js';
import { SLOTH_EXPORT_ALERT_NAME } from '../load/sloth/sloth-alerting.js';
import type { Problem } from '../../core/diagnostics/problem.js';
import { lostInSloth } from './sloth-check.js';
import { slothRefusal } from './sloth-refused.js';
import { slothSli } from './sloth-sli.js';
import { exportHeader, yamlStream } from './yaml-stream.js';

export interface SlothExport {
  content: string;
  documents: number;
  /** Errors: SLOs Sloth cannot express at all (left out); warnings: what Sloth cannot hold, per SLO and field. */
  problems: Problem[];
}

/**
 * One name for Sloth's page and ticket alerts (Sloth tells them apart by `sloth_severity`): the name the SLO
 * kept, else the one the Sloth loader reads back as Burnrate's own names.
 */
export const SLOTH_ALERT_NAME = SLOTH_EXPORT_ALERT_NAME;

function sorted(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

function tier(policy: AlertTier) {
  if (!policy.enabled) return { disable: true };
  return { labels: { severity: policy.severity, ...sorted(policy.labels ?? {}) }, ...(policy.annotations ? { annotations: sorted(policy.annotations) } : {}) };
}

function sloEntry(slo: Slo, shared: Record<string, string>) {
  const labels = Object.fromEntries(Object.entries(slo.labels).filter(([name]) => shared[name] === undefined));
  const { alerting } = slo;
  return {
    name: slo.name,
    objective: slo.objectivePercent,
    ...(slo.description ? { description: slo.description } : {}),
    ...(Object.keys(labels).length > 0 ? { labels: sorted(labels) } : {}),
    sli: slothSli(slo),
    alerting: {
      name: alerting.burnAlertName ?? SLOTH_ALERT_NAME,
      ...(Object.keys(alerting.labels).length > 0 ? { labels: sorted(alerting.labels) } : {}),
      ...(slo.runbookUrl ? { annotations: { runbook: slo.runbookUrl } } : {}),
      page_alert: tier(alerting.page),
      ticket_alert: tier(alerting.ticket),
    },
  };
}

function serviceDocument(slos: readonly Slo[]) {
  const first = slos[0] as Slo;
  const shared = Object.fromEntries(Object.entries(first.labels).filter(([name, value]) => slos.every((slo) => slo.labels[name] === value)));
  return {
    version: 'prometheus/v1',
    service: first.service,
    labels: { team: first.team, ...sorted(shared) },
    slos: slos.map((slo) => sloEntry(slo, shared)),
  };
}

export function exportSloth(slos: readonly Slo[]): SlothExport {
  const refused = slos.map(slothRefusal).filter((problem) => problem !== undefined);
  const expressible = slos.filter((slo) => !refused.some((problem) => problem.slo === slo.id));
  const groups = new Map<string, Slo[]>();
  for (const slo of [...expressible].sort((a, b) => a.id.localeCompare(b.id))) {
    const key = `${slo.service}\u0000${slo.team}`;
    groups.set(key, [...(groups.get(key) ?? []), slo]);
  }
  const documents = [...groups.keys()].sort().map((key) => serviceDocument(groups.get(key) ?? []));
  const problems = [...refused, ...lostInSloth(expressible, documents)];
  return { content: yamlStream(exportHeader(slos, 'sloth'), documents), documents: documents.length, problems };
}
