/**
 * Shape of Pyrra's `pyrra.dev/v1alpha1` ServiceLevelObjective (the Kubernetes CRD; Pyrra's filesystem
 * mode reads the same object from plain files), after kubernetes/api/v1alpha1/servicelevelobjective_types.go.
 * Strict below `spec`, so a misspelt field is reported instead of silently doing nothing.
 */
import { z } from 'zod';

export const PYRRA_API_VERSION = 'pyrra.dev/v1alpha1';
export const FORMAT_NAME = 'Pyrra ServiceLevelObjective';

const query = z.strictObject({ metric: z.string() });
const grouping = z.array(z.string()).optional();

export const indicatorSchema = z.strictObject({
  ratio: z.strictObject({ errors: query, total: query, grouping }).optional(),
  latency: z.strictObject({ success: query, total: query, grouping }).optional(),
  latencyNative: z.strictObject({ total: query, latency: z.string(), grouping }).optional(),
  bool_gauge: z.strictObject({ metric: z.string(), grouping }).optional(),
});

export const alertingSchema = z.strictObject({
  disabled: z.boolean().optional(),
  burnrates: z.boolean().optional(),
  absent: z.boolean().optional(),
  name: z.string().optional(),
  absentName: z.string().optional(),
});

export const objectSchema = z.strictObject({
  apiVersion: z.literal(PYRRA_API_VERSION),
  kind: z.literal('ServiceLevelObjective'),
  // The Kubernetes envelope: only name, labels and annotations say something about the SLO.
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.strictObject({
    description: z.string().optional(),
    // A string in Pyrra's Go type (float64 cannot be a CRD field); a YAML number reads the same.
    target: z.union([z.string(), z.number()]),
    window: z.string(),
    indicator: indicatorSchema,
    alerting: alertingSchema.optional(),
    partial_response_strategy: z.string().optional(),
  }),
  status: z.unknown().optional(),
});

export type PyrraObject = z.infer<typeof objectSchema>;
export type PyrraIndicator = z.infer<typeof indicatorSchema>;
export type PyrraAlerting = z.infer<typeof alertingSchema>;
