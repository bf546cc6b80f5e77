/**
 * Converts Pyrra `pyrra.dev/v1alpha1` ServiceLevelObjective objects (one or many documents per file) into
 * Burnrate SLO sets in the authoring shape. Pyrra has no service: the label `service` names it, else the
 * first word of the object's name, and the SLO is the rest of the name, so the SLO id (`<service>-<name>`)
 * is the Pyrra name that Pyrra's alerts carry as `slo`.
 */
import type { SloInput, SloSetInput } from '../../sdk/types.js';
import { ProblemSink } from '../../../core/diagnostics/problem.js';
import { parseDurationMs } from '../../../core/model/duration.js';
import { kubernetesOrigin, type LoadedDocument } from '../document.js';
import { documentOfSets } from '../document-sets.js';
import { parseReporting } from '../shape-issues.js';
import { spotIn, type FieldSources, type SetSourceMap } from '../source-map.js';
import { pyrraAlerting } from './pyrra-alerting.js';
import { pyrraIndicator } from './pyrra-indicator.js';
import { pyrraLabels } from './pyrra-labels.js';
import { defaultTeam, LABEL_TEAM_HOW } from '../team-label.js';
import { FORMAT_NAME, objectSchema, type PyrraObject } from './pyrra-schema.js';

const DAY_MS = 86_400_000;

function windowDays(window: string, sink: ProblemSink): `${number}d` | undefined {
  const ms = parseDurationMs(window.trim());
  if (ms !== undefined && ms > 0 && ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  sink.error('pyrra-window', 'spec.window', `must be whole days such as "28d" or "4w" (Burnrate windows are days), got ${JSON.stringify(window)}`);
  return undefined;
}

function objective(target: string | number, sink: ProblemSink): number | undefined {
  const value = typeof target === 'number' ? target : Number(target.trim());
  if (typeof target === 'string' && target.trim() !== '' && Number.isFinite(value)) return value;
  if (typeof target === 'number') return value;
  sink.error('pyrra-target', 'spec.target', `must be a percentage such as "99.9", got ${JSON.stringify(target)}`);
  return undefined;
}

/** Service and SLO name, from the `service` label or the first word of the object's name. */
function naming(name: string, service: string | undefined, sink: ProblemSink): { service: string; name: string } | undefined {
  const owner = service ?? name.split('-')[0] ?? '';
  const rest = name.startsWith(`${owner}-`) ? name.slice(owner.length + 1) : service !== undefined ? name : '';
  if (rest !== '') return { service: owner, name: rest };
  sink.error('pyrra-service', 'metadata.name', `names no service: Burnrate ids are <service>-<name>; name the SLO "<service>-<what>" (e.g. "${name}-availability") or set the label "service"`);
  return undefined;
}

function convert(object: PyrraObject, sink: ProblemSink, at: (path: string) => ReturnType<typeof spotIn>): { set: SloSetInput; map: SetSourceMap } | undefined {
  const { metadata, spec } = object;
  if (spec.partial_response_strategy !== undefined && !['', 'abort'].includes(spec.partial_response_strategy)) {
    sink.error('pyrra-partial-response', 'spec.partial_response_strategy', `Burnrate's rules abort on partial responses (Thanos' default); ${JSON.stringify(spec.partial_response_strategy)} is not supported`);
  }
  for (const key of Object.keys(metadata.annotations ?? {}).filter((k) => k.startsWith('pyrra.dev/'))) {
    sink.warning('pyrra-annotation', `metadata.annotations["${key}"]`, 'is not kept: Burnrate alerts carry their own summary with the budget left, the burn rate, and the runbook and dashboard links');
  }
  const labels = pyrraLabels(metadata.labels ?? {}, sink);
  const names = naming(metadata.name, labels.service, sink);
  const window = windowDays(spec.window, sink);
  const target = objective(spec.target, sink);
  const indicator = pyrraIndicator(spec.indicator, sink);
  const alerting = pyrraAlerting(spec.alerting, sink);
  const team = names && (labels.team ?? defaultTeam(names.service, 'metadata.labels', LABEL_TEAM_HOW, sink));
  if (!names || team === undefined || window === undefined || target === undefined || !indicator || !alerting) return undefined;
  const slo: SloInput = {
    ...(spec.description ? { description: spec.description } : {}),
    objective: target,
    window,
    ...(indicator.groupBy.length > 0 ? { groupBy: indicator.groupBy } : {}),
    ...(Object.keys(labels.labels).length > 0 ? { labels: labels.labels } : {}),
    sli: indicator.sli,
    ...(alerting.alerting ? { alerting: alerting.alerting } : {}),
  };
  // Each object is one SLO: its labels are the SLO's, so objects of one service make one set.
  const set: SloSetInput = { service: names.service, team, slos: { [names.name]: slo } };
  const setSources: FieldSources = { '': at(''), service: at(labels.keys.service ? `metadata.labels.${labels.keys.service}` : 'metadata.name'), slos: at('spec') };
  if (labels.keys.team) setSources.team = at(`metadata.labels.${labels.keys.team}`);
  const sloSources: FieldSources = { '': at('metadata.name'), description: at('spec.description'), objective: at('spec.target'), window: at('spec.window') };
  for (const [field, key] of Object.entries(labels.keys)) if (field.startsWith('labels.')) sloSources[field] = at(`metadata.labels.${key}`);
  for (const [field, path] of Object.entries({ ...indicator.fields, ...alerting.fields })) sloSources[field] = at(path);
  return { set, map: { set: setSources, slos: { [`${names.service}-${names.name}`]: sloSources } } };
}

export function pyrraToDocument(values: unknown[], file: string): LoadedDocument {
  return documentOfSets(file, 'pyrra', values, ({ value, sink, at }) => {
    const name = (value as { metadata?: { name?: unknown } } | null)?.metadata?.name;
    const objectSink = typeof name === 'string' && name !== '' ? sink.forSlo(name) : sink;
    const object = parseReporting(objectSchema, value, [], FORMAT_NAME, objectSink);
    const converted = object && convert(object, objectSink, at);
    return converted && { ...converted, origin: kubernetesOrigin(object.metadata) };
  });
}
