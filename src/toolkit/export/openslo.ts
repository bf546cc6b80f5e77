/**
 * The validated SLOs as OpenSLO v1 YAML: per service a Service object, then one SLO object per Burnrate SLO
 * with an inline indicator and its budgeting method (openslo-budget.ts). Burnrate-only settings travel in
 * `burnrate.dev/*` annotations, so loading the export gives back the same SLOs. Pure and deterministic
 * (services and SLOs sorted, stable key order).
 * The header comment opens the first document (see yaml-stream.ts), so OpenSLO validators accept the file.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Slo, SloWindow } from '../../core/model/slo.js';
import { ProblemSink, type Problem } from '../../core/diagnostics/problem.js';
import { ANNOTATIONS } from '../load/openslo/burnrate-annotations.js';
import { indicatorToSli } from '../load/openslo/openslo-indicator.js';
import { OPENSLO_API_VERSION, sliSpecSchema } from '../load/openslo/openslo-schema.js';
import { TEAM_LABEL } from '../load/openslo/openslo-ownership.js';
import { openSloBudget, sliceWarning } from './openslo-budget.js';
import { exportIndicator, type ExportedIndicator } from './openslo-indicator.js';
import { alertingToInput, sliToInput } from './slo-input.js';
import { exportHeader, yamlStream } from './yaml-stream.js';

export interface OpenSloExport {
  content: string;
  documents: number;
  /** Warnings: what OpenSLO validators may refuse. */
  problems: Problem[];
}

/** Calendar periods start at midnight on the 1st (month) or on a Monday (week); 2024-01-01 is both. */
const CALENDAR_START = '2024-01-01 00:00:00';

function timeWindow(window: SloWindow) {
  if (window.kind === 'rolling') return [{ duration: `${window.days}d`, isRolling: true }];
  return [{ duration: window.unit === 'month' ? '1M' : '1w', isRolling: false, calendar: { startTime: CALENDAR_START, timeZone: window.timeZone } }];
}

/** True when loading the OpenSLO indicator alone gives back exactly this SLO's SLI. */
function indicatorIsExact(slo: Slo, indicator: ExportedIndicator, objectives: object[]): boolean {
  const spec = sliSpecSchema.safeParse(indicator.spec);
  if (!spec.success) return false;
  const slices = slo.timeSlices ? { sliceMs: slo.timeSlices.sliceSeconds * 1000 } : undefined;
  const sink = new ProblemSink('export');
  const read = indicatorToSli(spec.data, objectives, 'spec', new Map(), sink, sink, slices);
  if (!read || read.groupBy.length > 0) return false;
  const expected = sliToInput(slo.sli);
  const buckets = slo.sli.kind === 'latency' && slo.sli.buckets ? { buckets: [...slo.sli.buckets] } : {};
  return isDeepStrictEqual({ ...read.sli, ...buckets }, expected);
}

function sortedLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

function sloDocument(slo: Slo) {
  const indicator = exportIndicator(slo);
  const budget = openSloBudget(slo);
  const objectives = [{ ...indicator.objective, targetPercent: slo.objectivePercent, ...budget.objective }];
  const annotations: Record<string, string> = {};
  if (!indicatorIsExact(slo, indicator, objectives)) annotations[ANNOTATIONS.sli] = JSON.stringify(sliToInput(slo.sli));
  else if (slo.sli.kind === 'latency' && slo.sli.buckets) annotations[ANNOTATIONS.buckets] = slo.sli.buckets.join(',');
  if (slo.groupBy.length > 0) annotations[ANNOTATIONS.groupBy] = slo.groupBy.join(',');
  if (slo.runbookUrl) annotations[ANNOTATIONS.runbookUrl] = slo.runbookUrl;
  if (slo.dashboardUrl) annotations[ANNOTATIONS.dashboardUrl] = slo.dashboardUrl;
  const alerting = alertingToInput(slo);
  if (alerting) annotations[ANNOTATIONS.alerting] = JSON.stringify(alerting);
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'SLO',
    metadata: {
      name: slo.id,
      labels: { [TEAM_LABEL]: slo.team, ...sortedLabels(slo.labels) },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      ...(slo.description ? { description: slo.description } : {}),
      service: slo.service,
      indicator: { metadata: { name: `${slo.id}-sli` }, spec: indicator.spec },
      timeWindow: timeWindow(slo.window),
      budgetingMethod: budget.budgetingMethod,
      objectives,
    },
  };
}

function serviceDocument(service: string, slos: readonly Slo[]) {
  const teams = [...new Set(slos.map((slo) => slo.team))];
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'Service',
    metadata: { name: service, ...(teams.length === 1 ? { labels: { [TEAM_LABEL]: teams[0] } } : {}) },
    spec: {},
  };
}

export function exportOpenSlo(slos: readonly Slo[]): OpenSloExport {
  const byService = new Map<string, Slo[]>();
  for (const slo of [...slos].sort((a, b) => a.id.localeCompare(b.id))) {
    byService.set(slo.service, [...(byService.get(slo.service) ?? []), slo]);
  }
  const documents: object[] = [];
  for (const service of [...byService.keys()].sort()) {
    const serviceSlos = byService.get(service) ?? [];
    documents.push(serviceDocument(service, serviceSlos), ...serviceSlos.map(sloDocument));
  }
  const problems = [...slos].sort((a, b) => a.id.localeCompare(b.id)).map(sliceWarning).filter((problem) => problem !== undefined);
  return { content: yamlStream(exportHeader(slos, 'openslo'), documents), documents: documents.length, problems };
}
