/**
 * A thresholdMetric under time slices (Timeslices, RatioTimeslices) as a Burnrate threshold SLI: the
 * Prometheus query is what each slice measures, and the objective's op and value judge it. A range as long
 * as the slice becomes `{{window}}`: the generated PromQL is the same, and the query follows the slice if it
 * changes. Other ranges, and subqueries, stay as written.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { parseDurationMs } from '../../../core/model/duration.js';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { parseSelector, syntaxErrorOffset } from '../../../core/promql/promql.js';
import { SLICE_PLACEHOLDER } from '../../../core/sli/slice-queries.js';
import { SLOTH_WINDOW } from '../counter-query.js';
import type { ConvertedIndicator } from './openslo-converted.js';
import type { Objective } from './openslo-schema.js';

/** Parses where `{{window}}` stands, and has its length, so offsets in it are offsets in the query. */
const PLACEHOLDER_RANGE = '000000001m';

/** The query with every range selector of `sliceMs` written as `{{window}}`. */
export function sliceRangesAsWindow(query: string, sliceMs: number): string {
  const parsable = query.replaceAll(SLICE_PLACEHOLDER, PLACEHOLDER_RANGE);
  if (syntaxErrorOffset(parsable) !== undefined) return query; // validation reports it, at the query
  const spans: [number, number][] = [];
  parser.parse(parsable).iterate({
    enter(node) {
      if (node.name !== 'MatrixSelector') return;
      const range = node.node.getChild('DurationExpr');
      if (range && parseDurationMs(parsable.slice(range.from, range.to)) === sliceMs) spans.push([range.from, range.to]);
    },
  });
  let text = query;
  for (const [from, to] of spans.reverse()) text = `${text.slice(0, from)}${SLICE_PLACEHOLDER}${text.slice(to)}`;
  return text;
}

/** A bare counter or histogram bucket compares its ever-growing count with the value: not a slice's measure. */
function isCounter(query: string): boolean {
  const metric = parseSelector(query)?.metric;
  return metric !== undefined && /_(bucket|total|count)$/.test(metric);
}

export function slicedThresholdToSli(
  query: string,
  queryField: string,
  objective: Objective,
  sliceMs: number | undefined,
  sink: ProblemSink,
  sloSink: ProblemSink,
): ConvertedIndicator | undefined {
  let ok = true;
  if (objective.op === undefined) {
    sloSink.error('missing-field', 'spec.objectives[0].op', 'is required with a thresholdMetric: lt, lte, gt or gte (a slice is good when its value compares so with value)');
    ok = false;
  }
  if (objective.value === undefined) {
    sloSink.error('missing-field', 'spec.objectives[0].value', 'is required with a thresholdMetric: the value each slice is compared with');
    ok = false;
  }
  if (isCounter(query)) {
    sink.error('threshold-counter', queryField, `is a counter; with time slices the query gives the value each slice is judged by, e.g. histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket[1m]))); got ${JSON.stringify(query)}`);
    ok = false;
  }
  if (!ok || objective.op === undefined || objective.value === undefined) return undefined;
  const written = query.replace(SLOTH_WINDOW, SLICE_PLACEHOLDER);
  const measured = sliceMs === undefined ? written : sliceRangesAsWindow(written, sliceMs);
  const onSlo = (path: string) => ({ path, onSlo: true });
  const fields = { 'sli.query': { path: queryField }, 'sli.op': onSlo('spec.objectives[0].op'), 'sli.value': onSlo('spec.objectives[0].value') };
  return { sli: { kind: 'threshold', query: measured, op: objective.op, value: objective.value }, groupBy: [], fields };
}
