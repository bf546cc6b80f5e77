/**
 * Sorts the objects of one file (documents, or items of a list) into OpenSLO objects by kind, checking each
 * one's shape. v1 and v1alpha objects may share a file; v1alpha SLOs are translated to v1 ones.
 */
import type { z } from 'zod';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { parseReporting } from '../shape-issues.js';
import { readBurnrateAnnotations } from './burnrate-annotations.js';
import {
  dataSourceSpecSchema,
  envelopeSchema,
  FORMAT_NAME,
  OPENSLO_API_VERSION,
  serviceSpecSchema,
  sliSpecSchema,
  sloSpecSchema,
  type Metadata,
  type OpenSloObject,
  type SliSpec,
  type SloSpec,
} from './openslo-schema.js';
import { alphaServiceSpecSchema, OPENSLO_V1ALPHA, translateAlphaSlo } from './openslo-v1alpha.js';

export interface OpenSloObjects {
  /** How many objects the file holds; documents are numbered only when there are several. */
  count: number;
  slos: OpenSloObject<SloSpec>[];
  slis: Map<string, OpenSloObject<SliSpec>>;
  /** Service objects by name; only their metadata matters to Burnrate. */
  services: Map<string, OpenSloObject<unknown>>;
  /** DataSource objects: name → type. */
  dataSources: Map<string, string>;
}

const ALERTING_KINDS = ['AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'];
const KINDS: Record<string, readonly string[]> = {
  [OPENSLO_API_VERSION]: ['SLO', 'SLI', 'Service', 'DataSource', ...ALERTING_KINDS],
  [OPENSLO_V1ALPHA]: ['SLO', 'Service'],
};
/** OpenSLO names follow Kubernetes object names (RFC 1123 labels). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The sink of object `index` (0-based): problems carry its document number when the file holds several. */
export function objectSink(sink: ProblemSink, index: number, count: number): ProblemSink {
  return count > 1 ? sink.forDocument(index + 1) : sink;
}

function parseSpec<T>(schema: z.ZodType<T>, spec: unknown, format: string, sink: ProblemSink): T | undefined {
  return parseReporting(schema, spec, ['spec'], format, sink);
}

function remember<T>(map: Map<string, T>, kind: string, name: string, value: T, sink: ProblemSink): void {
  if (map.has(name)) sink.error('duplicate-object', 'metadata.name', `another ${kind} in this file is also named "${name}"`);
  else map.set(name, value);
}

/** Checks the envelope, name, version and kind; the object's parts when it can be read (`named`: its name is valid). */
function envelope(value: unknown, sink: ProblemSink): { apiVersion: string; kind: string; metadata: Metadata; spec?: unknown; named: boolean } | undefined {
  const read = parseReporting(envelopeSchema, value, [], FORMAT_NAME, sink);
  if (!read) return undefined;
  const { apiVersion, kind, metadata } = read;
  let ok = true;
  if (metadata.name.length > 63 || !DNS_LABEL.test(metadata.name)) {
    sink.error('object-name', 'metadata.name', `must be a DNS label (RFC 1123): lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters; got ${JSON.stringify(metadata.name)}`);
    ok = false;
  }
  const kinds = KINDS[apiVersion];
  if (!kinds) {
    sink.error('openslo-version', 'apiVersion', `Burnrate reads ${Object.keys(KINDS).join(' and ')}, got ${JSON.stringify(apiVersion)}`);
    return undefined;
  }
  if (ALERTING_KINDS.includes(kind)) {
    sink.error('unsupported-kind', 'kind', `${kind} is not supported: Burnrate derives multiwindow burn-rate alerts (page and ticket tiers) itself; tune them with the annotation "burnrate.dev/alerting" on the SLO`);
    return undefined;
  }
  if (!kinds.includes(kind)) {
    sink.error('unknown-kind', 'kind', `must be one of ${kinds.join(', ')} in ${apiVersion}, got ${JSON.stringify(kind)}`);
    return undefined;
  }
  return { ...read, named: ok };
}

export function readObjects(values: readonly unknown[], sink: ProblemSink): OpenSloObjects {
  const objects: OpenSloObjects = { count: values.length, slos: [], slis: new Map(), services: new Map(), dataSources: new Map() };
  const sloNames = new Set<string>();
  const addSlo = (slo: OpenSloObject<SloSpec>, objectSink: ProblemSink) => {
    if (sloNames.has(slo.metadata.name)) objectSink.error('duplicate-object', 'metadata.name', `another SLO in this file is also named "${slo.metadata.name}"`);
    else objects.slos.push(slo);
    sloNames.add(slo.metadata.name);
  };
  values.forEach((value, index) => {
    const name = (value as { metadata?: { name?: unknown } } | null)?.metadata?.name;
    const documentSink = objectSink(sink, index, values.length);
    const read = envelope(value, typeof name === 'string' && name !== '' ? documentSink.forSlo(name) : documentSink);
    if (!read) return;
    const { apiVersion, kind, metadata, spec, named } = read;
    const one = documentSink.forSlo(metadata.name);
    const alpha = apiVersion === OPENSLO_V1ALPHA;
    // An object with an invalid name is still checked, so every problem shows at once, but not used.
    if (kind === 'SLO' && alpha) {
      for (const t of translateAlphaSlo(metadata, spec, one)) if (named) addSlo({ index, metadata: t.metadata, spec: t.spec, rewrite: t.rewrite, failed: t.failed }, one);
    } else if (kind === 'SLO') {
      const parsed = parseSpec(sloSpecSchema, spec, FORMAT_NAME, one);
      if (parsed && named) addSlo({ index, metadata, spec: parsed }, one);
    } else if (kind === 'SLI') {
      const parsed = parseSpec(sliSpecSchema, spec, FORMAT_NAME, one);
      if (parsed && named) remember(objects.slis, kind, metadata.name, { index, metadata, spec: parsed }, one);
    } else if (kind === 'Service') {
      const schema = alpha ? alphaServiceSpecSchema : serviceSpecSchema;
      if (parseSpec(schema, spec ?? {}, alpha ? 'OpenSLO v1alpha' : FORMAT_NAME, one) === undefined) return;
      readBurnrateAnnotations(metadata.annotations, ['team', 'runbookUrl', 'dashboardUrl'], 'Service', one);
      if (named) remember(objects.services, kind, metadata.name, { index, metadata, spec }, one);
    } else {
      const parsed = parseSpec(dataSourceSpecSchema, spec, FORMAT_NAME, one);
      if (parsed && named) remember(objects.dataSources, kind, metadata.name, parsed.type, one);
    }
  });
  return objects;
}
