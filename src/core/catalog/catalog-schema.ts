/**
 * Run-time check of the compiled catalog (alerts/catalog.json): the service reads JSON, not TypeScript,
 * so a hand-edited or truncated file must be caught before it replaces a good catalog.
 */
import { z } from 'zod';
import type { Sli } from '../model/slo.js';
import type { SameShape } from '../sli/sli-kinds.js';
import { CATALOG_API_VERSION, type CatalogSlo } from './compiled-catalog.js';

/**
 * Absolute http(s) URLs only, as the toolkit's validator demands: the service serves these as links, and
 * a hand-edited `javascript:` or `data:` URL must never reach a page or an API client.
 */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const httpUrl = z.string().refine(isHttpUrl, { message: 'must be an absolute http(s) URL' });

const tier = z.object({ enabled: z.boolean(), severity: z.string() });
/** The model's AlertTier: only the page tier carries a hold, but both tiers share the shape. */
const alertTier = tier.extend({
  keepFiringForSeconds: z.number().min(0).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const sli = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ratio'), good: z.string().optional(), errors: z.string().optional(), total: z.string() }),
  z.object({
    kind: z.literal('latency'),
    histogram: z.string(),
    thresholdSeconds: z.number(),
    buckets: z.array(z.number()).optional(),
    native: z.literal(true).optional(),
  }),
  z.object({ kind: z.literal('boolGauge'), metric: z.string() }),
  z.object({ kind: z.literal('raw'), errorRatio: z.string() }),
  z.object({
    kind: z.literal('threshold'),
    measure: z.discriminatedUnion('of', [
      z.object({ of: z.literal('quantile'), histogram: z.string(), quantile: z.number().gt(0).lt(1), native: z.literal(true).optional() }),
      z.object({ of: z.literal('gauge'), metric: z.string() }),
      z.object({ of: z.literal('query'), query: z.string() }),
    ]),
    op: z.enum(['lt', 'lte', 'gt', 'gte']),
    value: z.number(),
  }),
  z.object({
    kind: z.literal('traces'),
    spanService: z.string(),
    spanName: z.string().optional(),
    route: z.string().optional(),
    spanKind: z.enum(['server', 'client', 'consumer', 'producer', 'internal']).optional(),
    latencyThresholdSeconds: z.number().optional(),
  }),
]);

const window = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rolling'), days: z.number().positive() }),
  z.object({ kind: z.literal('calendar'), unit: z.enum(['month', 'week']), timeZone: z.string() }),
]);

const catalogSlo = z.object({
  id: z.string().min(1),
  name: z.string(),
  service: z.string(),
  team: z.string(),
  description: z.string(),
  objectivePercent: z.number().gt(0).lt(100),
  window,
  sli,
  timeSlices: z.object({ sliceSeconds: z.number().positive(), sliceTarget: z.number().gt(0).lte(1).optional() }).optional(),
  groupBy: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  runbookUrl: httpUrl.optional(),
  dashboardUrl: httpUrl.optional(),
  alerting: z.object({
    page: alertTier,
    ticket: alertTier,
    labels: z.record(z.string(), z.string()),
    minEvents: z.number(),
    noData: z.object({ enabled: z.boolean(), forSeconds: z.number(), severity: z.string() }),
    budgetExhausted: tier.omit({ enabled: true }).extend({ enabled: z.boolean() }),
    burnAlertName: z.string().optional(),
  }),
  source: z.object({
    file: z.string(),
    format: z.enum(['typescript', 'openslo', 'sloth', 'pyrra']),
    kubernetes: z.object({ namespace: z.string().optional(), labels: z.record(z.string(), z.string()).optional() }).optional(),
  }),
  alertWindows: z.array(
    z.object({ tier: z.string(), speed: z.string(), longWindow: z.string(), shortWindow: z.string(), factor: z.number() }),
  ),
});

// The schema must read back exactly what the toolkit writes: a field missing here would be dropped silently.
const sliMatchesModel: SameShape<z.output<typeof sli>, Sli> = true;
const sloMatchesModel: SameShape<z.output<typeof catalogSlo>, { [K in keyof CatalogSlo]: CatalogSlo[K] }> = true;
void sliMatchesModel;
void sloMatchesModel;

export const catalogSchema = z
  .object({
    apiVersion: z.literal(CATALOG_API_VERSION),
    kind: z.literal('Catalog'),
    version: z.string().min(1),
    slos: z.array(catalogSlo),
  })
  .refine((c) => new Set(c.slos.map((s) => s.id)).size === c.slos.length, { message: 'SLO ids must be unique', path: ['slos'] });
