/**
 * A Sloth SLI as a Burnrate SLI. Event queries Burnrate can count (see sloth-events.ts) become ratio,
 * latency or bool gauge SLIs over the same series; any other pair becomes a raw SLI `(<error>) / (<total>)`.
 * Sloth's `{{.window}}` becomes Burnrate's `{{window}}`.
 */
import type { SliInput } from '../../sdk/types.js';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { SLOTH_WINDOW } from '../counter-query.js';
import { readEvents } from './sloth-events.js';
import type { SlothSli, SlothStyle } from './sloth-schema.js';

export interface ConvertedSli {
  sli: SliInput;
  groupBy: string[];
  /** Authoring field (`sli.total`, `groupBy`) → its path in the document. */
  fields: Record<string, string>;
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

function eventsToSli(events: Record<string, string>, style: SlothStyle, path: string, sink: ProblemSink): ConvertedSli | undefined {
  const error = events[style.errorQuery] as string;
  const total = events[style.totalQuery] as string;
  const errorOk = checkTemplate(error, `${path}.events.${style.errorQuery}`, sink);
  const totalOk = checkTemplate(total, `${path}.events.${style.totalQuery}`, sink);
  if (!errorOk || !totalOk) return undefined;
  const queries = { error: `${path}.events.${style.errorQuery}`, total: `${path}.events.${style.totalQuery}` };
  const read = readEvents(error, total);
  if (read) return { ...read, fields: Object.fromEntries(Object.entries(read.fields).map(([field, query]) => [field, queries[query]])) };
  sink.warning(
    'sloth-events-as-raw',
    `${path}.events`,
    'the queries are not sum(rate(<counter selector>[{{.window}}])) with the same grouping, so they become a raw SLI: its whole-window SLI is a time average and the low-traffic guard does not apply',
  );
  return { sli: { kind: 'raw', errorRatio: `(${toBurnrateTemplate(error)}) / (${toBurnrateTemplate(total)})` }, groupBy: [], fields: { 'sli.errorRatio': `${path}.events` } };
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
    return checkTemplate(query, field, sink) ? { sli: { kind: 'raw', errorRatio: toBurnrateTemplate(query) }, groupBy: [], fields: { 'sli.errorRatio': field } } : undefined;
  }
  return eventsToSli(sli.events as Record<string, string>, style, path, sink);
}
