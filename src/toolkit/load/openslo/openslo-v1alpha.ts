/**
 * OpenSLO v1alpha SLOs, the shape Sloth's OpenSLO input and early OpenSLO tools write: metric sources as
 * `{ source, queryType, query }`, a ratio per objective (`ratioMetrics`), a thresholdMetric at
 * `spec.indicator`, and `timeWindows` of `{ unit, count }`. Each objective becomes one v1 SLO object, read
 * by the v1 converter; its problems name the v1alpha fields the author wrote (a field rewrite).
 */
import { z } from 'zod';
import type { FieldRewrite, ProblemSink } from '../../../core/diagnostics/problem.js';
import { prefixRewrite } from '../field-rewrite.js';
import { parseReporting } from '../shape-issues.js';
import { slug } from './openslo-objectives.js';
import type { Metadata, MetricSpec, SloSpec, TimeWindow } from './openslo-schema.js';

export const OPENSLO_V1ALPHA = 'openslo/v1alpha';
const FORMAT = 'OpenSLO v1alpha';

const source = z.strictObject({ source: z.string(), queryType: z.string().optional(), query: z.string(), metadata: z.unknown().optional() });
const objectiveSchema = z.strictObject({
  displayName: z.string().optional(),
  op: z.enum(['lte', 'gte', 'lt', 'gt']).optional(),
  value: z.number().optional(),
  target: z.number().optional(),
  timeSliceTarget: z.number().optional(),
  /** A duration, or a number of minutes. */
  timeSliceWindow: z.union([z.number(), z.string()]).optional(),
  ratioMetrics: z.strictObject({ good: source, total: source, incremental: z.boolean().optional(), counter: z.boolean().optional() }).optional(),
});
const windowSchema = z.strictObject({
  unit: z.string(),
  count: z.number(),
  isRolling: z.boolean().optional(),
  calendar: z.strictObject({ startTime: z.string().optional(), timeZone: z.string().optional() }).optional(),
});
const specSchema = z.strictObject({
  description: z.string().optional(),
  service: z.string(),
  indicator: z.strictObject({ thresholdMetric: source }).optional(),
  timeWindows: z.array(windowSchema).optional(),
  budgetingMethod: z.string(),
  objectives: z.array(objectiveSchema),
});
export const alphaServiceSpecSchema = z.strictObject({ description: z.string().optional() });

type Source = z.infer<typeof source>;
type AlphaSpec = z.infer<typeof specSchema>;

const UNITS: Record<string, string> = { day: 'd', week: 'w', month: 'M', quarter: 'Q', year: 'Y' };

export interface TranslatedSlo {
  metadata: Metadata;
  spec: SloSpec;
  rewrite: FieldRewrite;
  /** A problem was found translating it: still converted, so its other problems show, but not used. */
  failed: boolean;
}

function metric(from: Source, field: string, sink: ProblemSink): MetricSpec {
  if (from.queryType !== undefined && !['promql', 'query'].includes(from.queryType.toLowerCase())) {
    sink.error('unsupported-query-type', `${field}.queryType`, `Burnrate reads PromQL queries (queryType: promql), got ${JSON.stringify(from.queryType)}`);
  }
  return { metricSource: { type: from.source, spec: { query: from.query } } };
}

function timeWindows(spec: AlphaSpec, sink: ProblemSink): TimeWindow[] | undefined | null {
  let ok = true;
  const windows = spec.timeWindows?.map((w, k): TimeWindow => {
    const unit = UNITS[w.unit.toLowerCase()];
    if (!unit) {
      sink.error('window-unit', `spec.timeWindows[${k}].unit`, `must be one of Day, Week, Month, Quarter, Year, got ${JSON.stringify(w.unit)}`);
      ok = false;
    }
    return { duration: `${w.count}${unit ?? ''}`, ...(w.isRolling !== undefined ? { isRolling: w.isRolling } : {}), ...(w.calendar ? { calendar: w.calendar } : {}) };
  });
  return ok ? windows : null;
}

function rewriteFor(index: number, ratio: boolean, counterKey: string): FieldRewrite {
  const objective = `spec.objectives[${index}]`;
  const pairs: Record<string, string> = { 'spec.objectives[0]': objective, 'spec.timeWindow[0].duration': 'spec.timeWindows[0].unit', 'spec.timeWindow': 'spec.timeWindows' };
  if (ratio) {
    const at = `${objective}.ratioMetrics`;
    const v1 = 'spec.indicator.spec.ratioMetric';
    Object.assign(pairs, { 'spec.indicator': at, 'spec.indicator.spec': at, [v1]: at, [`${v1}.counter`]: `${at}.${counterKey}` });
    for (const side of ['good', 'total']) {
      const from = `${v1}.${side}.metricSource`;
      Object.assign(pairs, { [from]: `${at}.${side}`, [`${from}.type`]: `${at}.${side}.source`, [`${from}.spec.query`]: `${at}.${side}.query` });
    }
  } else {
    const at = 'spec.indicator.thresholdMetric';
    const from = 'spec.indicator.spec.thresholdMetric.metricSource';
    Object.assign(pairs, { 'spec.indicator.spec': 'spec.indicator', [from]: at, [`${from}.type`]: `${at}.source`, [`${from}.spec.query`]: `${at}.query` });
  }
  return prefixRewrite(pairs);
}

/** One v1 SLO per objective, named `<name>-<objective displayName>` (or its index, as Sloth does) when there are several. */
export function translateAlphaSlo(metadata: Metadata, raw: unknown, sink: ProblemSink): TranslatedSlo[] {
  const spec = parseReporting(specSchema, raw, ['spec'], FORMAT, sink);
  if (!spec) return [];
  const windows = timeWindows(spec, sink);
  // RatioTimeslices came with v1; other unknown methods are reported by the v1 converter.
  const methodOk = spec.budgetingMethod !== 'RatioTimeslices';
  if (!methodOk) sink.error('budgeting-method', 'spec.budgetingMethod', `must be Occurrences or Timeslices in ${FORMAT}, got "RatioTimeslices" (an OpenSLO v1 method)`);
  const several = spec.objectives.length > 1;
  return spec.objectives.flatMap((objective, index): TranslatedSlo[] => {
    const { ratioMetrics, ...rest } = objective;
    const field = `spec.objectives[${index}]`;
    if ((ratioMetrics === undefined) === (spec.indicator === undefined)) {
      sink.error('indicator', field, 'give ratioMetrics in each objective, or one spec.indicator.thresholdMetric with op and value in the objectives');
      return [];
    }
    const counterKey = ratioMetrics?.counter !== undefined ? 'counter' : 'incremental';
    const counter = ratioMetrics?.incremental ?? ratioMetrics?.counter;
    const indicatorSpec = ratioMetrics
      ? { ratioMetric: { ...(counter !== undefined ? { counter } : {}), good: metric(ratioMetrics.good, `${field}.ratioMetrics.good`, sink), total: metric(ratioMetrics.total, `${field}.ratioMetrics.total`, sink) } }
      : { thresholdMetric: metric((spec.indicator as { thresholdMetric: Source }).thresholdMetric, 'spec.indicator.thresholdMetric', sink) };
    const suffix = slug(objective.displayName ?? '') || String(index);
    const name = several ? `${metadata.name}-${suffix}` : metadata.name;
    return [{
      metadata: { ...metadata, name },
      spec: {
        ...(spec.description !== undefined ? { description: spec.description } : {}),
        service: spec.service,
        indicator: { metadata: { name: `${name}-sli` }, spec: indicatorSpec },
        budgetingMethod: spec.budgetingMethod,
        ...(windows ? { timeWindow: windows } : {}),
        objectives: [rest],
      },
      rewrite: rewriteFor(index, ratioMetrics !== undefined, counterKey),
      failed: windows === null || !methodOk,
    }];
  });
}
