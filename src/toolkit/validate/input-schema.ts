/**
 * Shape of the authoring input (types, required and unknown fields). Value rules live in the checks,
 * so their messages can say what was expected in the author's terms.
 */
import { z } from 'zod';
import type { SliKind } from '../../core/model/slo.js';
import type { SameShape } from '../../core/sli/sli-kinds.js';
import type { SliInput } from '../sdk/types.js';

const labels = z.record(z.string(), z.string());
const tierObject = z.strictObject({ severity: z.string().optional() });
const tier = z.union([z.boolean(), tierObject]);
/** Page and ticket tiers: a severity and their own labels and annotations. */
const burnTierObject = tierObject.extend({ labels: labels.optional(), annotations: labels.optional() });
const burnTier = z.union([z.boolean(), burnTierObject]);
const pageTierObject = burnTierObject.extend({ keepFiringFor: z.string().optional() });
const pageTier = z.union([z.boolean(), pageTierObject]);

const ratioSli = z.strictObject({
  kind: z.literal('ratio'),
  good: z.string().optional(),
  errors: z.string().optional(),
  total: z.string(),
});
const latencySli = z.strictObject({
  kind: z.literal('latency'),
  histogram: z.string(),
  threshold: z.string(),
  buckets: z.array(z.number()).optional(),
  native: z.boolean().optional(),
});
const boolGaugeSli = z.strictObject({ kind: z.literal('boolGauge'), metric: z.string() });
const rawSli = z.strictObject({ kind: z.literal('raw'), errorRatio: z.string() });
const thresholdSli = z.strictObject({
  kind: z.literal('threshold'),
  histogram: z.string().optional(),
  quantile: z.number().optional(),
  native: z.boolean().optional(),
  gauge: z.string().optional(),
  query: z.string().optional(),
  op: z.enum(['lt', 'lte', 'gt', 'gte']),
  value: z.union([z.number(), z.string()]),
});
const timeSlices = z.strictObject({ slice: z.string(), target: z.number().optional() });
const tracesSli = z.strictObject({
  kind: z.literal('traces'),
  service: z.string(),
  spanName: z.string().optional(),
  route: z.string().optional(),
  spanKind: z.enum(['server', 'client', 'consumer', 'producer', 'internal']).optional(),
  latencyThreshold: z.string().optional(),
});

export const sliSchema = z.discriminatedUnion('kind', [ratioSli, latencySli, boolGaugeSli, rawSli, thresholdSli, tracesSli]);

// The SDK's input union and this schema name every SLI kind of the model, and only those.
const sdkKindsMatchModel: SameShape<SliInput['kind'], SliKind> = true;
const schemaKindsMatchModel: SameShape<z.output<typeof sliSchema>['kind'], SliKind> = true;
void sdkKindsMatchModel;
void schemaKindsMatchModel;

const calendarWindow = z.strictObject({ calendar: z.string(), timeZone: z.string().optional() });
const windowSchema = z.union([z.string(), calendarWindow]);
const noDataObject = z.strictObject({ for: z.string().optional(), severity: z.string().optional() });

const alertingSchema = z.strictObject({
  burnAlertName: z.string().optional(),
  page: pageTier.optional(),
  ticket: burnTier.optional(),
  labels: labels.optional(),
  minEvents: z.number().optional(),
  noData: z.union([z.boolean(), noDataObject]).optional(),
  budgetExhausted: tier.optional(),
});

export const sloSchema = z.strictObject({
  description: z.string().optional(),
  objective: z.number(),
  window: windowSchema.optional(),
  sli: sliSchema,
  timeSlices: timeSlices.optional(),
  groupBy: z.array(z.string()).optional(),
  labels: labels.optional(),
  runbookUrl: z.string().optional(),
  dashboardUrl: z.string().optional(),
  alerting: alertingSchema.optional(),
});

export const sloSetSchema = z.strictObject({
  service: z.string(),
  team: z.string().optional(),
  labels: labels.optional(),
  runbookUrl: z.string().optional(),
  dashboardUrl: z.string().optional(),
  slos: z.record(z.string(), z.unknown()),
});

/** Field names allowed at each level, for "did you mean" hints on typos. */
export const KNOWN_FIELDS: Record<string, readonly string[]> = {
  set: Object.keys(sloSetSchema.shape),
  slo: Object.keys(sloSchema.shape),
  alerting: Object.keys(alertingSchema.shape),
  window: Object.keys(calendarWindow.shape),
  'alerting.noData': Object.keys(noDataObject.shape),
  'alerting.page': Object.keys(pageTierObject.shape),
  'alerting.ticket': Object.keys(burnTierObject.shape),
  'alerting.budgetExhausted': Object.keys(tierObject.shape),
  'sli.ratio': Object.keys(ratioSli.shape),
  'sli.latency': Object.keys(latencySli.shape),
  'sli.boolGauge': Object.keys(boolGaugeSli.shape),
  'sli.raw': Object.keys(rawSli.shape),
  'sli.threshold': Object.keys(thresholdSli.shape),
  timeSlices: Object.keys(timeSlices.shape),
  'sli.traces': Object.keys(tracesSli.shape),
};
