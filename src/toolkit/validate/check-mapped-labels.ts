/**
 * Author labels named like what Burnrate sets on every alert (`team`, `service`, `severity`) are read as
 * those settings instead of being refused, so a spec written for another tool keeps its meaning:
 * `team` is the owning team, `service` must be the SLO's service, `severity` is the severity of the page
 * and ticket alerts that set none of their own. Only a contradiction is an error, naming both values.
 */
import type { ProblemSink } from '../../core/diagnostics/problem.js';
import { SERVICE_LABEL, SEVERITY_LABEL, TEAM_LABEL } from '../../core/conventions/metrics.js';
import type { SloInput, SloSetInput } from '../sdk/types.js';
import { checkSeverity } from './check-severity.js';

/** What the set's own fields and labels say about ownership and severity. */
export interface SetMapping {
  /** The set's `team`, else its label `team`; undefined when neither is written. */
  team?: string;
  /** Severity of the page and ticket alerts from the set's label `severity`. */
  severity?: string;
}

export interface SloMapping {
  /** The owning team named by the SLO's labels (when the set names none). */
  team?: string;
  /** Default severity of the page and ticket alerts: the innermost label `severity`. */
  severity?: string;
  ok: boolean;
}

function labelValue(labels: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  const value = labels?.[name];
  return typeof value === 'string' ? value : undefined;
}

function checkService(field: string, labels: Readonly<Record<string, string>> | undefined, service: string, sink: ProblemSink): boolean {
  const value = labelValue(labels, SERVICE_LABEL);
  if (value === undefined || value === service || service === '') return true;
  sink.error(
    'label-service',
    `${field}.${SERVICE_LABEL}`,
    `is ${JSON.stringify(value)} but the service is ${JSON.stringify(service)}; Burnrate labels every alert service="${service}", so remove the label or make it ${JSON.stringify(service)}`,
  );
  return false;
}

function checkTeam(field: string, value: string, team: string, sink: ProblemSink): boolean {
  if (value.trim() === team) return true;
  sink.error(
    'label-team',
    `${field}.${TEAM_LABEL}`,
    `names team ${JSON.stringify(value)} but the owning team is ${JSON.stringify(team)}; alerts route to one owning team, so remove the label or make the two the same`,
  );
  return false;
}

function severityOf(field: string, labels: Readonly<Record<string, string>> | undefined, scope: string, sink: ProblemSink): { value?: string; ok: boolean } {
  const value = labelValue(labels, SEVERITY_LABEL);
  if (value === undefined) return { ok: true };
  if (!checkSeverity(`${field}.${SEVERITY_LABEL}`, value, sink)) return { ok: false };
  sink.warning(
    'label-severity',
    `${field}.${SEVERITY_LABEL}`,
    `becomes the severity ("${value}") of the page and ticket alerts that set none of their own, ${scope}; no-data and budget alerts keep theirs`,
  );
  return { value, ok: true };
}

/** The set's labels `service`, `team` and `severity`, read against its own fields. */
export function checkSetMapping(set: SloSetInput, sink: ProblemSink): SetMapping {
  const service = typeof set.service === 'string' ? set.service : '';
  checkService('labels', set.labels, service, sink);
  let team = typeof set.team === 'string' && set.team.trim() !== '' ? set.team.trim() : undefined;
  const labelTeam = labelValue(set.labels, TEAM_LABEL);
  if (labelTeam !== undefined && labelTeam.trim() !== '') {
    if (team === undefined) team = labelTeam.trim();
    else checkTeam('labels', labelTeam, team, sink);
  }
  const severity = severityOf('labels', set.labels, 'on every SLO of the service', sink).value;
  return { ...(team !== undefined ? { team } : {}), ...(severity !== undefined ? { severity } : {}) };
}

/** The team an SLO's own labels name, without checks: the set uses it to tell whether every SLO has one. */
export function sloLabelTeam(input: unknown): string | undefined {
  const slo = input as { labels?: Record<string, unknown>; alerting?: { labels?: Record<string, unknown> } } | null;
  for (const labels of [slo?.alerting?.labels, slo?.labels]) {
    const value = labels?.[TEAM_LABEL];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** An SLO's labels and `alerting.labels` named `service`, `team` and `severity`, read against its set's. */
export function checkSloMapping(input: SloInput, set: SetMapping, service: string, sink: ProblemSink): SloMapping {
  let ok = true;
  let team = set.team;
  let severity = set.severity;
  for (const [field, labels] of [['labels', input.labels], ['alerting.labels', input.alerting?.labels]] as const) {
    ok = checkService(field, labels, service, sink) && ok;
    const labelTeam = labelValue(labels, TEAM_LABEL);
    if (labelTeam !== undefined && labelTeam.trim() !== '') {
      if (team === undefined) team = labelTeam.trim();
      else ok = checkTeam(field, labelTeam, team, sink) && ok;
    }
    const own = severityOf(field, labels, 'on this SLO', sink);
    ok = own.ok && ok;
    if (own.value !== undefined) severity = own.value;
  }
  return { ...(team !== undefined && set.team === undefined ? { team } : {}), ...(severity !== undefined ? { severity } : {}), ok };
}
