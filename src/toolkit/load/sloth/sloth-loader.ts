/**
 * Converts Sloth specs (`version: prometheus/v1` files and `sloth.slok.dev/v1` PrometheusServiceLevel
 * objects, one or many documents per file) into Burnrate SLO sets in the authoring shape.
 * The owning team comes from the service label `team`, else `owner`; Sloth has no window, so SLOs get
 * Sloth's default of 30 days.
 */
import type { SloInput, SloSetInput } from '../../sdk/types.js';
import { ProblemSink } from '../../../core/diagnostics/problem.js';
import type { LoadedDocument } from '../document.js';
import { reportShapeIssues } from '../shape-issues.js';
import { slothAlerting } from './sloth-alerting.js';
import { CRD_STYLE, documentSchema, labelStrings, SPEC_STYLE, type SlothSlo, type SlothSpec, type SlothStyle } from './sloth-schema.js';
import { slothSli } from './sloth-sli.js';

const TEAM_LABELS = ['team', 'owner'];
const SLOTH_DEFAULT_WINDOW = '30d';

function styleOf(value: unknown): SlothStyle | undefined {
  const doc = value as Record<string, unknown> | null;
  if (doc?.version === 'prometheus/v1') return SPEC_STYLE;
  if (String(doc?.apiVersion ?? '').startsWith('sloth.slok.dev/')) return CRD_STYLE;
  return undefined;
}

function convertSlo(slo: SlothSlo, style: SlothStyle, path: string, sink: ProblemSink): SloInput | undefined {
  if (slo.plugins !== undefined) {
    sink.error('sloth-slo-plugins', `${path}.plugins`, 'SLO plugins change how Sloth generates rules, which Burnrate cannot reproduce; remove them');
  }
  if (slo.interval !== undefined) {
    sink.warning('sloth-interval', `${path}.interval`, 'is not kept: Burnrate chooses the evaluation interval of its own rule groups');
  }
  const sli = slothSli(slo.sli, style, `${path}.sli`, sink);
  const alerting = slothAlerting(slo.alerting, style, `${path}.alerting`, sink);
  if (!sli || slo.plugins !== undefined) return undefined;
  const labels = labelStrings(slo.labels);
  return {
    ...(slo.description ? { description: slo.description } : {}),
    objective: slo.objective,
    window: SLOTH_DEFAULT_WINDOW,
    ...(sli.groupBy.length > 0 ? { groupBy: sli.groupBy } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(alerting.runbookUrl ? { runbookUrl: alerting.runbookUrl } : {}),
    sli: sli.sli,
    ...(alerting.alerting ? { alerting: alerting.alerting } : {}),
  };
}

function convertSpec(spec: SlothSpec, style: SlothStyle, sink: ProblemSink): SloSetInput | undefined {
  const serviceSink = sink.forSlo(spec.service);
  if (spec[style.sloPlugins] !== undefined) {
    serviceSink.error('sloth-slo-plugins', `${style.prefix}${style.sloPlugins}`, 'SLO plugins change how Sloth generates rules, which Burnrate cannot reproduce; remove them');
  }
  const labels = labelStrings(spec.labels);
  const teamLabel = TEAM_LABELS.find((name) => labels[name] !== undefined && labels[name].trim() !== '');
  if (!teamLabel) {
    serviceSink.error('missing-team', `${style.prefix}labels`, 'no owning team: set the label "team" (or "owner") to the team that alerts route to');
  }
  const slos: Record<string, SloInput> = {};
  spec.slos.forEach((slo, index) => {
    const path = `${style.prefix}slos[${index}]`;
    const sloSink = sink.forSlo(`${spec.service}-${slo.name}`);
    if (slos[slo.name] !== undefined) {
      sloSink.error('duplicate-name', `${path}.name`, `another SLO of service "${spec.service}" in this document is also named "${slo.name}"`);
      return;
    }
    const input = convertSlo(slo, style, path, sloSink);
    if (input) slos[slo.name] = input;
  });
  if (!teamLabel || spec[style.sloPlugins] !== undefined) return undefined;
  const team = (labels[teamLabel] as string).trim();
  delete labels[teamLabel];
  return { service: spec.service, team, ...(Object.keys(labels).length > 0 ? { labels } : {}), slos };
}

export function slothToDocument(values: unknown[], file: string): LoadedDocument {
  const sink = new ProblemSink(file);
  const sets: SloSetInput[] = [];
  values.forEach((value, index) => {
    const doc = value as { service?: unknown; spec?: { service?: unknown } } | null;
    const service = doc?.service ?? doc?.spec?.service;
    const docSink = sink.forSlo(typeof service === 'string' && service !== '' ? service : `document ${index + 1}`);
    const style = styleOf(value);
    if (!style) {
      docSink.error('unknown-format', undefined, 'is neither a Sloth prometheus/v1 spec nor a sloth.slok.dev/v1 PrometheusServiceLevel');
      return;
    }
    const parsed = documentSchema(style).safeParse(value);
    if (!parsed.success) {
      reportShapeIssues(parsed.error, value, [], style.format, docSink);
      return;
    }
    const spec = (style === SPEC_STYLE ? parsed.data : (parsed.data as { spec: unknown }).spec) as SlothSpec;
    const set = convertSpec(spec, style, sink);
    if (set && Object.keys(set.slos).length > 0) sets.push(set);
  });
  return { file, format: 'sloth', sets, problems: sink.problems };
}
