/** Sorts the YAML documents of one file into OpenSLO objects by kind, checking each one's shape. */
import type { z } from 'zod';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { reportShapeIssues } from '../shape-issues.js';
import { readBurnrateAnnotations } from './burnrate-annotations.js';
import { checkServiceLabels } from './openslo-ownership.js';
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

export interface OpenSloObjects {
  slos: OpenSloObject<SloSpec>[];
  slis: Map<string, OpenSloObject<SliSpec>>;
  /** Service objects by name; only their metadata matters to Burnrate. */
  services: Map<string, Metadata>;
  /** DataSource objects: name → type. */
  dataSources: Map<string, string>;
}

const ALERTING_KINDS = ['AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'];
const KINDS = ['SLO', 'SLI', 'Service', 'DataSource', ...ALERTING_KINDS];

function parseSpec<T>(schema: z.ZodType<T>, spec: unknown, sink: ProblemSink): T | undefined {
  const result = schema.safeParse(spec);
  if (result.success) return result.data;
  reportShapeIssues(result.error, spec, ['spec'], FORMAT_NAME, sink);
  return undefined;
}

function remember<T>(map: Map<string, T>, kind: string, name: string, value: T, sink: ProblemSink): void {
  if (map.has(name)) sink.error('duplicate-object', 'metadata.name', `another ${kind} in this file is also named "${name}"`);
  else map.set(name, value);
}

export function readObjects(values: readonly unknown[], sink: ProblemSink): OpenSloObjects {
  const objects: OpenSloObjects = { slos: [], slis: new Map(), services: new Map(), dataSources: new Map() };
  const sloNames = new Set<string>();
  values.forEach((value, index) => {
    const name = (value as { metadata?: { name?: unknown } } | null)?.metadata?.name;
    const objectSink = sink.forSlo(typeof name === 'string' && name !== '' ? name : `document ${index + 1}`);
    const envelope = envelopeSchema.safeParse(value);
    if (!envelope.success) {
      reportShapeIssues(envelope.error, value, [], FORMAT_NAME, objectSink);
      return;
    }
    const { apiVersion, kind, metadata, spec } = envelope.data;
    if (apiVersion !== OPENSLO_API_VERSION) {
      objectSink.error('openslo-version', 'apiVersion', `Burnrate reads ${OPENSLO_API_VERSION}, got ${JSON.stringify(apiVersion)}`);
      return;
    }
    if (ALERTING_KINDS.includes(kind)) {
      objectSink.error('unsupported-kind', 'kind', `${kind} is not supported: Burnrate derives multiwindow burn-rate alerts (page and ticket tiers) itself; tune them with the annotation "burnrate.dev/alerting" on the SLO`);
      return;
    }
    if (!KINDS.includes(kind)) {
      objectSink.error('unknown-kind', 'kind', `must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
      return;
    }
    if (kind === 'SLO') {
      const parsed = parseSpec(sloSpecSchema, spec, objectSink);
      if (sloNames.has(metadata.name)) objectSink.error('duplicate-object', 'metadata.name', `another SLO in this file is also named "${metadata.name}"`);
      else if (parsed) objects.slos.push({ index, metadata, spec: parsed });
      sloNames.add(metadata.name);
    } else if (kind === 'SLI') {
      const parsed = parseSpec(sliSpecSchema, spec, objectSink);
      if (parsed) remember(objects.slis, kind, metadata.name, { index, metadata, spec: parsed }, objectSink);
    } else if (kind === 'Service') {
      if (parseSpec(serviceSpecSchema, spec ?? {}, objectSink) === undefined) return;
      checkServiceLabels(metadata, objectSink);
      readBurnrateAnnotations(metadata.annotations, ['team', 'runbookUrl', 'dashboardUrl'], 'Service', objectSink);
      remember(objects.services, kind, metadata.name, metadata, objectSink);
    } else {
      const parsed = parseSpec(dataSourceSpecSchema, spec, objectSink);
      if (parsed) remember(objects.dataSources, kind, metadata.name, parsed.type, objectSink);
    }
  });
  return objects;
}
