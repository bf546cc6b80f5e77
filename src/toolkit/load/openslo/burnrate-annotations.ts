/**
 * `burnrate.dev/*` annotations: where OpenSLO documents carry what OpenSLO itself cannot say (the team,
 * grouping, histogram buckets, alerting options, or an SLI kind without an OpenSLO form).
 * The export writes them and the loader reads them back, so one table serves both.
 */
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { closestName } from '../../../core/diagnostics/closest-name.js';

export const ANNOTATION_PREFIX = 'burnrate.dev/';

export const ANNOTATIONS = {
  team: 'burnrate.dev/team',
  sli: 'burnrate.dev/sli',
  groupBy: 'burnrate.dev/group-by',
  buckets: 'burnrate.dev/histogram-buckets',
  runbookUrl: 'burnrate.dev/runbook-url',
  dashboardUrl: 'burnrate.dev/dashboard-url',
  alerting: 'burnrate.dev/alerting',
} as const;

export type AnnotationKey = keyof typeof ANNOTATIONS;

export interface BurnrateAnnotations {
  team?: string;
  /** The exact Burnrate SLI (authoring shape); replaces the OpenSLO indicator when present. */
  sli?: unknown;
  groupBy?: string[];
  buckets?: number[];
  runbookUrl?: string;
  dashboardUrl?: string;
  /** Burnrate alerting options (authoring shape). */
  alerting?: unknown;
}

export function annotationField(key: string): string {
  return `metadata.annotations["${key}"]`;
}

function parseJson(key: string, text: string, sink: ProblemSink): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    sink.error('annotation-json', annotationField(key), `must be JSON: ${(error as Error).message}`);
    return undefined;
  }
}

function parseList(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function parseBuckets(key: string, text: string, sink: ProblemSink): number[] | undefined {
  const values = parseList(text).map(Number);
  if (values.length === 0 || values.some((v) => !Number.isFinite(v) || v <= 0)) {
    sink.error('annotation-buckets', annotationField(key), `must list bucket boundaries in seconds such as "0.1,0.3,1", got ${JSON.stringify(text)}`);
    return undefined;
  }
  return values;
}

/** Reads the burnrate.dev annotations of one object; `allowed` limits which keys apply to its kind. */
export function readBurnrateAnnotations(
  annotations: Record<string, string> | undefined,
  allowed: readonly AnnotationKey[],
  kind: string,
  sink: ProblemSink,
): BurnrateAnnotations {
  const result: BurnrateAnnotations = {};
  const byName = new Map(Object.entries(ANNOTATIONS).map(([key, name]) => [name as string, key as AnnotationKey]));
  for (const [name, value] of Object.entries(annotations ?? {})) {
    if (!name.startsWith(ANNOTATION_PREFIX)) continue; // other tools' annotations are theirs (OpenSLO spec)
    const key = byName.get(name);
    if (!key) {
      const known: string[] = Object.values(ANNOTATIONS);
      const hint = closestName(name, known) ?? known.find((k) => k.startsWith(name));
      sink.error('unknown-annotation', annotationField(name), `is not a Burnrate annotation${hint ? `; did you mean "${hint}"?` : ''}`);
      continue;
    }
    if (!allowed.includes(key)) {
      sink.error('annotation-not-here', annotationField(name), `does not apply to a ${kind}; put it on the SLO`);
      continue;
    }
    if (key === 'sli' || key === 'alerting') result[key] = parseJson(name, value, sink);
    else if (key === 'groupBy') result.groupBy = parseList(value);
    else if (key === 'buckets') result.buckets = parseBuckets(name, value, sink);
    else result[key] = value.trim();
  }
  return result;
}
