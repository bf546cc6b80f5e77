/** The raw SLI escape hatch: an error-ratio expression with {{window}} ranges. */
import { promqlTree } from '../../core/promql/promql-tree.js';
import type { Sli } from '../../core/model/slo.js';
import type { RawSliInput } from '../sdk/types.js';
import { reportPromqlError, warnPinnedGroupBy } from './check-selector.js';
import { labelsLost } from '../../core/promql/promql-labels.js';
import { findPromqlError } from '../../core/promql/promql-syntax.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';

export const WINDOW_PLACEHOLDER = '{{window}}';
/** Same length as the placeholder, so offsets in the parsed text are offsets in the author's text. */
const SAME_LENGTH_RANGE = '000000005m';
const FIELD = 'sli.errorRatio';

/** Ranges written as fixed durations instead of the placeholder do not follow the alert windows. */
function fixedRanges(expr: string, original: string): string[] {
  const fixed: string[] = [];
  promqlTree(expr).iterate({
    enter(ref) {
      if (ref.name !== 'MatrixSelector' && ref.name !== 'SubqueryExpr') return true;
      const duration = ref.node.getChild('DurationExpr');
      const text = duration ? original.slice(duration.from, duration.to) : '';
      if (duration && text !== WINDOW_PLACEHOLDER) fixed.push(text);
      return true;
    },
  });
  return fixed;
}

export function checkRawSli(sli: RawSliInput, groupBy: readonly string[], sink: ProblemSink): Sli | undefined {
  const original = sli.errorRatio;
  if (!original.includes(WINDOW_PLACEHOLDER)) {
    const found = /\[[^\]]*\]/.exec(original)?.[0];
    sink.error('raw-window-placeholder', FIELD, `must write its ranges as [${WINDOW_PLACEHOLDER}] so each alert window gets its own${found ? ` (found ${found})` : ''}, e.g. sum(rate(errors_total[${WINDOW_PLACEHOLDER}])) / sum(rate(requests_total[${WINDOW_PLACEHOLDER}]))`);
    return undefined;
  }
  const expr = original.replaceAll(WINDOW_PLACEHOLDER, SAME_LENGTH_RANGE);
  const error = findPromqlError(expr);
  if (error) {
    const excerpt = error.excerpt.map((line, i) => (i === 0 ? line.replaceAll(SAME_LENGTH_RANGE, WINDOW_PLACEHOLDER) : line));
    reportPromqlError(sink, FIELD, { ...error, reason: error.reason.replaceAll(SAME_LENGTH_RANGE, '5m'), excerpt });
    return undefined;
  }
  const lost = labelsLost(expr, groupBy);
  if (lost.length > 0) {
    const names = lost.map((l) => `"${l}"`).join(', ');
    const them = lost.length > 1 ? 'them' : 'it';
    sink.error('groupby-dropped', FIELD, `drops the groupBy label${lost.length > 1 ? 's' : ''} ${names}: an aggregation or vector match loses ${them}; keep ${them}, e.g. sum by (${groupBy.join(', ')}) (...)`);
    return undefined;
  }
  warnPinnedGroupBy(FIELD, original, groupBy, sink);
  const fixed = [...new Set(fixedRanges(expr, original))];
  if (fixed.length > 0) {
    sink.warning('raw-fixed-range', FIELD, `the range${fixed.length > 1 ? 's' : ''} [${fixed.join('], [')}] ${fixed.length > 1 ? 'do' : 'does'} not follow the alert windows; write [${WINDOW_PLACEHOLDER}]`);
  }
  return { kind: 'raw', errorRatio: original };
}
