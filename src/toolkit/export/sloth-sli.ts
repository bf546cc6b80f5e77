/**
 * A Burnrate SLI as a Sloth SLI, in the forms the Sloth loader reads back as the same SLI:
 * - ratio: `sum(rate(errors[{{.window}}]))` over `sum(rate(total[…]))`, or `total - good` over total;
 * - latency: the histogram's `_count` minus its `le` bucket (the matcher Burnrate's rules use) over `_count`;
 *   from a native histogram, the observations above the threshold (histogram_fraction) over all of them;
 * - boolGauge: `count_over_time(g) - sum_over_time(g)` over `count_over_time(g)`;
 * - raw: `raw.error_ratio_query`, `{{window}}` written as Sloth's `{{.window}}`;
 * - traces: a ratio over the span counters the Burnrate service exports (read back as a ratio SLI).
 * `groupBy` becomes `sum by (...)`.
 */
import { latencySelectors, tracesSelectors } from '../../core/sli/event-queries.js';
import type { Slo } from '../../core/model/slo.js';

export type SlothSliOut = { events: { error_query: string; total_query: string } } | { raw: { error_ratio_query: string } };

const WINDOW = '{{.window}}';

function summed(fn: string, selector: string, groupBy: readonly string[]): string {
  const sum = groupBy.length > 0 ? `sum by (${groupBy.join(', ')})` : 'sum';
  return `${sum}(${fn}(${selector}[${WINDOW}]))`;
}

function events(error: string, total: string) {
  return { events: { error_query: error, total_query: total } };
}

function goodOverTotal(good: string, total: string, groupBy: readonly string[]) {
  const all = summed('rate', total, groupBy);
  return events(`${all} - ${summed('rate', good, groupBy)}`, all);
}

/**
 * Errors are the share above the threshold times the count: the complement of the recording rules' good
 * share, exact where no bucket straddles the threshold. `rates` is the summed rate of the histogram.
 */
export function nativeLatencyEvents(rates: string, thresholdSeconds: number) {
  const total = `histogram_count(${rates})`;
  return events(`histogram_fraction(${thresholdSeconds}, +Inf, ${rates}) * ${total}`, total);
}

export function slothSli(slo: Slo): SlothSliOut {
  const { sli, groupBy } = slo;
  switch (sli.kind) {
    case 'ratio':
      if (sli.good !== undefined) return goodOverTotal(sli.good, sli.total, groupBy);
      return events(summed('rate', sli.errors as string, groupBy), summed('rate', sli.total, groupBy));
    case 'latency': {
      if (sli.native) return nativeLatencyEvents(summed('rate', sli.histogram, groupBy), sli.thresholdSeconds);
      const { bucket, count } = latencySelectors(sli);
      return goodOverTotal(bucket, count, groupBy);
    }
    case 'boolGauge': {
      const all = summed('count_over_time', sli.metric, groupBy);
      return events(`${all} - ${summed('sum_over_time', sli.metric, groupBy)}`, all);
    }
    case 'traces': {
      const { good, total } = tracesSelectors(slo);
      return goodOverTotal(good, total, groupBy);
    }
    case 'raw':
      return { raw: { error_ratio_query: sli.errorRatio.replaceAll('{{window}}', WINDOW) } };
    case 'threshold':
      // exportSloth refuses these before writing (sloth-refused.ts): reaching here is a bug.
      throw new Error(`${slo.id}: a threshold SLI has no Sloth form`);
  }
}
