/**
 * Shape of the OpenSLO v1 objects Burnrate reads (Service, SLI, SLO, DataSource). Strict, so a misspelt
 * field is reported instead of dropped; fields of the spec that Burnrate cannot honour are listed here
 * too and refused by the converters with a message that says why.
 */
import { z } from 'zod';
import type { FieldRewrite } from '../../../core/diagnostics/problem.js';

export const OPENSLO_API_VERSION = 'openslo/v1';
export const FORMAT_NAME = 'OpenSLO v1';

const labelValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const metadataSchema = z.strictObject({
  name: z.string(),
  displayName: z.string().optional(),
  namespace: z.string().optional(),
  labels: z.record(z.string(), labelValue).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const metricSourceSchema = z.strictObject({
  metricSourceRef: z.string().optional(),
  type: z.string().optional(),
  spec: z.record(z.string(), z.unknown()),
});

export const metricSpecSchema = z.strictObject({ metricSource: metricSourceSchema });

export const ratioMetricSchema = z.strictObject({
  counter: z.boolean().optional(),
  good: metricSpecSchema.optional(),
  bad: metricSpecSchema.optional(),
  total: metricSpecSchema.optional(),
  rawType: z.enum(['success', 'failure']).optional(),
  raw: metricSpecSchema.optional(),
});

export const sliSpecSchema = z.strictObject({
  description: z.string().optional(),
  thresholdMetric: metricSpecSchema.optional(),
  ratioMetric: ratioMetricSchema.optional(),
});

const inlineIndicatorSchema = z.strictObject({
  apiVersion: z.string().optional(),
  kind: z.literal('SLI').optional(),
  metadata: metadataSchema,
  spec: sliSpecSchema,
});

export const objectiveSchema = z.strictObject({
  /** Not in the v1 text but written by several tools; names the objective when an SLO has several. */
  name: z.string().optional(),
  displayName: z.string().optional(),
  op: z.enum(['lte', 'gte', 'lt', 'gt']).optional(),
  value: z.number().optional(),
  target: z.number().optional(),
  targetPercent: z.number().optional(),
  timeSliceTarget: z.number().optional(),
  timeSliceWindow: z.union([z.number(), z.string()]).optional(),
  indicator: z.unknown().optional(),
  indicatorRef: z.string().optional(),
  compositeWeight: z.number().optional(),
});

export const timeWindowSchema = z.strictObject({
  duration: z.string(),
  isRolling: z.boolean().optional(),
  calendar: z.strictObject({ startTime: z.string().optional(), timeZone: z.string().optional() }).optional(),
});

export const sloSpecSchema = z.strictObject({
  description: z.string().optional(),
  service: z.string(),
  indicator: inlineIndicatorSchema.optional(),
  indicatorRef: z.string().optional(),
  budgetingMethod: z.string(),
  timeWindow: z.array(timeWindowSchema).optional(),
  objectives: z.array(objectiveSchema),
  alertPolicies: z.array(z.unknown()).nullish(),
});

export const serviceSpecSchema = z.strictObject({ description: z.string().optional() });

export const dataSourceSpecSchema = z.strictObject({
  description: z.string().optional(),
  type: z.string(),
  connectionDetails: z.unknown().optional(),
});

export const envelopeSchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: metadataSchema,
  spec: z.unknown().optional(),
});

export type Metadata = z.infer<typeof metadataSchema>;
export type MetricSpec = z.infer<typeof metricSpecSchema>;
export type RatioMetric = z.infer<typeof ratioMetricSchema>;
export type SliSpec = z.infer<typeof sliSpecSchema>;
export type Objective = z.infer<typeof objectiveSchema>;
export type TimeWindow = z.infer<typeof timeWindowSchema>;
export type SloSpec = z.infer<typeof sloSpecSchema>;

export interface OpenSloObject<Spec> {
  /** Position of the object in its file (0-based, list items counted one by one). */
  index: number;
  metadata: Metadata;
  spec: Spec;
  /** Set for objects translated from another form (v1alpha): turns v1 field paths into the author's. */
  rewrite?: FieldRewrite;
  /** Already found invalid (e.g. while translating): converted to report its problems, not used. */
  failed?: boolean;
}
