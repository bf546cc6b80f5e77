/** Checks of the PromQL selectors that ratio, latency and boolGauge SLIs are built from. */
import { promqlTree } from '../../core/promql/promql-tree.js';
import { findSyntaxError, type PromqlError } from '../../core/promql/promql-syntax.js';
import { pinnedLabels } from '../../core/promql/promql-labels.js';
import { parseSelector, type ParsedSelector } from '../../core/promql/promql.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';

/** "PromQL syntax error at offset 6: ..." (with line and column when the expression spans lines). */
export function reportPromqlError(sink: ProblemSink, field: string, error: PromqlError, note = ''): void {
  const multiline = error.excerpt.length > 0 && error.line > 1;
  const where = multiline ? `line ${error.line}, column ${error.column} (offset ${error.offset})` : `offset ${error.offset}`;
  const what = error.kind === 'syntax' ? 'PromQL syntax error' : 'PromQL type error';
  sink.error(error.kind === 'syntax' ? 'promql-syntax' : 'promql-type', field, `${what} at ${where}${note}: ${error.reason}`, { excerpt: error.excerpt });
}

/** The first plain selector inside an expression, to suggest what to write instead. */
function innerSelector(expr: string): string | undefined {
  let found: string | undefined;
  promqlTree(expr).iterate({
    enter(ref) {
      if (!found && ref.name === 'VectorSelector') found = expr.slice(ref.from, ref.to);
      return found === undefined;
    },
  });
  return found;
}

function notASelector(expr: string): string {
  const inner = innerSelector(expr);
  const write = inner && inner !== expr ? `, so write ${inner}` : '; use kind "raw" for other expressions';
  return `must be a plain vector selector such as http_requests_total{job="api"}, got ${expr}; Burnrate adds increase(), the windows and sum by (groupBy) itself${write}`;
}

/** Syntax, plain-selector form and a metric name; returns the parsed selector when all hold. */
export function checkSelector(field: string, expr: string, sink: ProblemSink): ParsedSelector | undefined {
  const error = findSyntaxError(expr);
  if (error) {
    reportPromqlError(sink, field, error);
    return undefined;
  }
  const selector = parseSelector(expr);
  if (!selector) {
    sink.error('not-a-selector', field, notASelector(expr));
    return undefined;
  }
  if (!selector.metric) {
    sink.error('selector-without-metric', field, `must name a metric, e.g. http_requests_total{job="api"}, got ${expr}`);
    return undefined;
  }
  return selector;
}

/** Warns when a selector pins a groupBy label to one value: the grouping would yield one group. */
export function warnPinnedGroupBy(field: string, expr: string, groupBy: readonly string[], sink: ProblemSink): void {
  for (const pin of pinnedLabels(expr, groupBy)) {
    sink.warning('groupby-pinned', field, `${pin.matcher} pins the groupBy label "${pin.label}" to one value, so grouping by it yields a single group; drop the matcher or the groupBy`);
  }
}

const GAUGE_SUFFIX = /_(ratio|percent|percentage|bytes|seconds|celsius|info|created|timestamp|in_flight|inflight|current|gauge|size|length|usage|up|last_seen)$|^up$/;

/** Ratio SLIs count events with increase(), which only means something on counters. */
export function warnNotCounter(field: string, metric: string, sink: ProblemSink): void {
  if (/_(total|count|bucket)$/.test(metric)) return;
  if (metric.endsWith('_sum')) {
    sink.warning('not-a-counter', field, `"${metric}" adds up observed values, not events; count events with ${metric.replace(/_sum$/, '_count')}`);
    return;
  }
  const gauge = GAUGE_SUFFIX.exec(metric);
  if (gauge) {
    sink.warning('gauge-metric', field, `"${metric}" looks like a gauge (it ends in ${gauge[0]}); ratio SLIs count events with increase(), which needs a counter such as requests_total`);
    return;
  }
  sink.warning('not-a-counter', field, `"${metric}" does not look like a counter (counter names end in _total or _count); ratio SLIs count events with increase()`);
}
