/**
 * Converts Sloth specs (`version: prometheus/v1` files and `sloth.slok.dev/v1` PrometheusServiceLevel
 * objects, one or many documents per file) into Burnrate SLO sets in the authoring shape.
 * The owning team comes from the service label `team`, else `owner` (else, with a warning, the service's
 * name); Sloth has no window, so SLOs get
 * Sloth's default of 30 days.
 */
import type { SloInput, SloSetInput } from '../../sdk/types.js';
import { ProblemSink } from '../../../core/diagnostics/problem.js';
import { kubernetesOrigin, type LoadedDocument } from '../document.js';
import { documentOfSets } from '../document-sets.js';
import { parseReporting } from '../shape-issues.js';
import { emptySourceMap, type FieldSources, type SetSourceMap, type SourceSpot } from '../source-map.js';
import { defaultTeam, LABEL_TEAM_HOW, teamFromLabels } from '../team-label.js';
import { slothAlerting } from './sloth-alerting.js';
import { CRD_STYLE, documentSchema, labelStrings, SPEC_STYLE, type SlothSlo, type SlothSpec, type SlothStyle } from './sloth-schema.js';
import { slothSli } from './sloth-sli.js';
import { sloSources } from './sloth-source-map.js';

const SLOTH_DEFAULT_WINDOW = '30d';

function styleOf(value: unknown): SlothStyle | undefined {
  const doc = value as Record<string, unknown> | null;
  if (doc?.version === 'prometheus/v1') return SPEC_STYLE;
  if (String(doc?.apiVersion ?? '').startsWith('sloth.slok.dev/')) return CRD_STYLE;
  return undefined;
}

function convertSlo(slo: SlothSlo, style: SlothStyle, path: string, sink: ProblemSink): { input: SloInput; sliFields: Record<string, string>; alertingFields: Record<string, string> } | undefined {
  if (slo.plugins !== undefined) {
    sink.error('sloth-slo-plugins', `${path}.plugins`, 'SLO plugins change how Sloth generates rules, which Burnrate cannot reproduce; remove them');
  }
  if (slo.interval !== undefined) {
    sink.warning('sloth-interval', `${path}.interval`, 'is not kept: Burnrate chooses the evaluation interval of its own rule groups');
  }
  const sli = slothSli(slo.sli, style, `${path}.sli`, sink);
  const alerting = slothAlerting(slo.alerting, style);
  if (!sli || slo.plugins !== undefined) return undefined;
  const labels = labelStrings(slo.labels);
  const input: SloInput = {
    ...(slo.description ? { description: slo.description } : {}),
    objective: slo.objective,
    window: SLOTH_DEFAULT_WINDOW,
    ...(sli.groupBy.length > 0 ? { groupBy: sli.groupBy } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(alerting.runbookUrl ? { runbookUrl: alerting.runbookUrl } : {}),
    sli: sli.sli,
    ...(alerting.alerting ? { alerting: alerting.alerting } : {}),
  };
  return { input, sliFields: sli.fields, alertingFields: alerting.fields };
}

function prefixed(fields: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([field, path]) => [field, `${prefix}${path}`]));
}

function convertSpec(spec: SlothSpec, style: SlothStyle, sink: ProblemSink, at: (path: string) => SourceSpot): { set: SloSetInput; map: SetSourceMap } | undefined {
  const serviceSink = sink.forSlo(spec.service);
  const prefix = style.prefix;
  if (spec[style.sloPlugins] !== undefined) {
    serviceSink.error('sloth-slo-plugins', `${prefix}${style.sloPlugins}`, 'SLO plugins change how Sloth generates rules, which Burnrate cannot reproduce; remove them');
  }
  const owner = teamFromLabels(labelStrings(spec.labels));
  const team = owner.team ?? defaultTeam(spec.service, `${prefix}labels`, LABEL_TEAM_HOW, serviceSink);
  const map = emptySourceMap();
  const set: FieldSources = { '': at(''), service: at(`${prefix}service`), slos: at(`${prefix}slos`) };
  if (owner.label) set.team = at(`${prefix}labels.${owner.label}`);
  for (const name of Object.keys(owner.labels)) set[`labels.${name}`] = at(`${prefix}labels.${name}`);
  map.set = set;
  const slos: Record<string, SloInput> = {};
  spec.slos.forEach((slo, index) => {
    const path = `${prefix}slos[${index}]`;
    const id = `${spec.service}-${slo.name}`;
    const sloSink = sink.forSlo(id);
    if (slos[slo.name] !== undefined) {
      sloSink.error('duplicate-name', `${path}.name`, `another SLO of service "${spec.service}" in this document is also named "${slo.name}"`);
      return;
    }
    const converted = convertSlo(slo, style, path, sloSink);
    if (!converted) return;
    slos[slo.name] = converted.input;
    map.slos[id] = sloSources(slo, style, path, { ...converted.sliFields, ...prefixed(converted.alertingFields, `${path}.alerting.`) }, at);
  });
  if (spec[style.sloPlugins] !== undefined) return undefined;
  return { set: { service: spec.service, team, ...(Object.keys(owner.labels).length > 0 ? { labels: owner.labels } : {}), slos }, map };
}

export function slothToDocument(values: unknown[], file: string): LoadedDocument {
  return documentOfSets(file, 'sloth', values, ({ value, sink, at }) => {
    const style = styleOf(value);
    if (!style) {
      sink.error('unknown-format', undefined, 'is neither a Sloth prometheus/v1 spec nor a sloth.slok.dev/v1 PrometheusServiceLevel');
      return undefined;
    }
    const doc = value as { service?: unknown; spec?: { service?: unknown } } | null;
    const service = doc?.service ?? doc?.spec?.service;
    const shapeSink = typeof service === 'string' && service !== '' ? sink.forSlo(service) : sink;
    const parsed = parseReporting(documentSchema(style), value, [], style.format, shapeSink);
    if (!parsed) return undefined;
    const spec = (style === SPEC_STYLE ? parsed : (parsed as { spec: unknown }).spec) as SlothSpec;
    const converted = convertSpec(spec, style, sink, at);
    if (!converted || Object.keys(converted.set.slos).length === 0) return undefined;
    // A PrometheusServiceLevel's namespace and labels go to the PrometheusRule generated for it.
    const origin = style === CRD_STYLE ? kubernetesOrigin((parsed as { metadata?: { namespace?: unknown; labels?: unknown } }).metadata) : undefined;
    return { ...converted, origin };
  });
}
