/**
 * A Sloth SLI as a Burnrate SLI. Event queries of the form `sum(rate(<selector>[{{.window}}]))` (also
 * increase, and `sum by (...)`, which becomes groupBy) become a ratio SLI over the same counters;
 * `count - le bucket` over `count` of one histogram becomes a latency SLI; any other pair becomes a raw
 * SLI `(<error>) / (<total>)`. Sloth's `{{.window}}` becomes Burnrate's `{{window}}`.
 */
import type { SliInput } from '../../sdk/types.js';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { readCounterDifference, readCounterQuery, type CounterQuery } from '../counter-query.js';
import { latencyFromBucketRatio, sameSeries } from '../histogram-ratio.js';
import type { SlothSli, SlothStyle } from './sloth-schema.js';

const SLOTH_WINDOW = /\{\{\s*\.window\s*\}\}/g;
/** Stands in for {{.window}} while parsing; a range nobody writes, so finding it proves the placeholder. */
const WINDOW_STAND_IN = '999999s';

export interface ConvertedSli {
  sli: SliInput;
  groupBy: string[];
}

function checkTemplate(query: string, field: string, sink: ProblemSink): boolean {
  if (!query.match(SLOTH_WINDOW)) {
    sink.error('sloth-window', field, 'must use {{.window}} where the range goes, e.g. rate(x_total[{{.window}}])');
    return false;
  }
  if (query.replace(SLOTH_WINDOW, '').includes('{{')) {
    sink.error('sloth-template', field, 'only the {{.window}} template variable is supported');
    return false;
  }
  return true;
}

export function toBurnrateTemplate(query: string): string {
  return query.trim().replace(SLOTH_WINDOW, '{{window}}');
}

function counterQuery(query: string): CounterQuery | undefined {
  const read = readCounterQuery(query.replace(SLOTH_WINDOW, WINDOW_STAND_IN));
  return read.ok && read.query.range === WINDOW_STAND_IN ? read.query : undefined;
}

function sameGrouping(...queries: CounterQuery[]): boolean {
  const keys = queries.map((q) => [...q.groupBy].sort().join());
  return keys.every((key) => key === keys[0]);
}

/**
 * Sloth's usual latency SLI: errors = all requests minus the `le` bucket, total = all requests, over one
 * histogram. That is a Burnrate latency SLI, which keeps event counts (unlike a raw SLI).
 */
function latencyFromEvents(error: string, total: CounterQuery): ConvertedSli | undefined {
  const difference = readCounterDifference(error.replace(SLOTH_WINDOW, WINDOW_STAND_IN));
  if (!difference) return undefined;
  const { minuend, subtrahend } = difference;
  const windows = [minuend, subtrahend].every((q) => q.range === WINDOW_STAND_IN);
  if (!windows || !sameGrouping(minuend, subtrahend, total) || !sameSeries(minuend.selector, total.selector)) return undefined;
  const latency = latencyFromBucketRatio(subtrahend.selector, total.selector);
  return latency ? { sli: latency, groupBy: total.groupBy } : undefined;
}

function eventsToSli(events: Record<string, string>, style: SlothStyle, path: string, sink: ProblemSink): ConvertedSli | undefined {
  const error = events[style.errorQuery] as string;
  const total = events[style.totalQuery] as string;
  const errorOk = checkTemplate(error, `${path}.events.${style.errorQuery}`, sink);
  const totalOk = checkTemplate(total, `${path}.events.${style.totalQuery}`, sink);
  if (!errorOk || !totalOk) return undefined;
  const errors = counterQuery(error);
  const all = counterQuery(total);
  if (errors && all && sameGrouping(errors, all)) {
    return { sli: { kind: 'ratio', errors: errors.selector, total: all.selector }, groupBy: all.groupBy };
  }
  const latency = all ? latencyFromEvents(error, all) : undefined;
  if (latency) return latency;
  sink.warning(
    'sloth-events-as-raw',
    `${path}.events`,
    'the queries are not sum(rate(<counter selector>[{{.window}}])) with the same grouping, so they become a raw SLI: its whole-window SLI is a time average and the low-traffic guard does not apply',
  );
  return { sli: { kind: 'raw', errorRatio: `(${toBurnrateTemplate(error)}) / (${toBurnrateTemplate(total)})` }, groupBy: [] };
}

export function slothSli(sli: SlothSli, style: SlothStyle, path: string, sink: ProblemSink): ConvertedSli | undefined {
  const given = (['events', 'raw', 'plugin'] as const).filter((kind) => sli[kind] !== undefined);
  if (given.length !== 1) {
    sink.error('sloth-sli-kind', path, `give exactly one of events, raw or plugin, got ${given.length === 0 ? 'none' : given.join(' and ')}`);
    return undefined;
  }
  if (sli.plugin) {
    sink.error('sloth-sli-plugin', `${path}.plugin`, `SLI plugins run Sloth's Go code (plugin "${sli.plugin.id}"), which Burnrate cannot run; write the plugin's queries under sli.events instead`);
    return undefined;
  }
  if (sli.raw) {
    const key = style.errorRatioQuery.find((k) => sli.raw?.[k] !== undefined);
    const query = key ? sli.raw[key] : undefined;
    const field = `${path}.raw.${key ?? style.errorRatioQuery[0]}`;
    if (query === undefined) {
      sink.error('missing-field', field, 'is required: the error ratio query (0..1) with {{.window}}');
      return undefined;
    }
    return checkTemplate(query, field, sink) ? { sli: { kind: 'raw', errorRatio: toBurnrateTemplate(query) }, groupBy: [] } : undefined;
  }
  return eventsToSli(sli.events as Record<string, string>, style, path, sink);
}
