/**
 * Shape of the service configuration (YAML file + environment), validated once at start-up.
 * Durations are Prometheus-style text ("60s", "7d") and become milliseconds here.
 */
import { z } from 'zod';
import { formatDuration } from '../../core/model/duration.js';
import { catalogConfigSchema } from './catalog-config.js';
import { clusterSplitFields } from '../collect/cluster-split.js';
import { durationMs, httpUrl } from './config-fields.js';
import { leadershipConfigSchema } from './leadership-config.js';
import { otlpConfigSchema } from './otlp-config.js';
import { pagingConfigSchema } from './paging-config.js';

const duration = durationMs({ example: '"60s" or "7d"' });
const prometheusUrl = httpUrl('"http://prometheus:9090" or "http://mimir/prometheus"');

/** Largest answer read from a cluster per query; 1,000 SLOs in three windows answer in a few MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Share of the interval an evaluation's queries may take when `evaluation.deadline` is not set. */
export const DEFAULT_DEADLINE_SHARE = 0.8;

export const clusterSchema = z.strictObject({
  /** Name shown in the API and on metrics; unique. */
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'expected letters, digits, "_", "." or "-"'),
  /** Base URL of the Prometheus HTTP API, including any path prefix (Mimir: /prometheus). */
  url: prometheusUrl,
  bearerTokenFile: z.string().min(1).optional(),
  /** Extra request headers, e.g. X-Scope-OrgID for Mimir or Cortex. */
  headers: z.record(z.string(), z.string()).default({}),
  tlsCaFile: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().default(10_000),
  /** Bytes read of one answer at most; a larger answer fails the query (a cluster must not exhaust memory). */
  maxResponseBytes: z.number().int().positive().default(DEFAULT_MAX_RESPONSE_BYTES),
  /** One endpoint for many clusters (Thanos Query): split answers by this label; see collect/cluster-split.ts. */
  ...clusterSplitFields,
}).refine((c) => !c.expectedClusters || c.clusterLabel, { message: 'expectedClusters needs clusterLabel', path: ['expectedClusters'] });

export const configSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().default('0.0.0.0'),
      port: z.number().int().min(0).max(65_535).default(8080),
    })
    .prefault({}),
  catalog: catalogConfigSchema,
  clusters: z
    .array(clusterSchema)
    .default([])
    .refine((clusters) => new Set(clusters.map((c) => c.name)).size === clusters.length, 'cluster names must be unique'),
  evaluation: z
    .strictObject({
      interval: duration.default(60_000),
      /** Queries in flight per cluster. */
      concurrency: z.number().int().positive().default(4),
      /** SLO ids per batched query (`slo=~"a|b|c"`). */
      batchSize: z.number().int().positive().default(100),
      /** Retries of a failed query, with exponential backoff. */
      retries: z.number().int().min(0).default(2),
      /** Every query of one evaluation ends by then (clusters still busy are stale); default 80% of the interval. */
      deadline: duration.optional(),
    })
    .transform(({ deadline, ...evaluation }, ctx) => {
      const ms = deadline ?? Math.floor(evaluation.interval * DEFAULT_DEADLINE_SHARE);
      // Shorter than the interval, so the next evaluation never finds this one still waiting for a cluster.
      if (ms >= evaluation.interval) {
        ctx.addIssue({ code: 'custom', path: ['deadline'], message: `must be shorter than evaluation.interval (${formatDuration(evaluation.interval)}), got ${formatDuration(ms)}` });
        return z.NEVER;
      }
      return { ...evaluation, deadline: ms };
    })
    .prefault({}),
  store: z
    .strictObject({
      /** postgres://… selects PostgreSQL; otherwise embedded SQLite at sqlitePath. */
      databaseUrl: z.string().optional(),
      sqlitePath: z.string().default('.burnrate/burnrate.db'),
    })
    .prefault({}),
  retention: z
    .strictObject({
      raw: duration.default(2 * 86_400_000),
      hourly: duration.default(35 * 86_400_000),
      daily: duration.default(400 * 86_400_000),
    })
    .prefault({}),
  api: z
    .strictObject({
      /** Longest history range one request may ask for. */
      maxHistoryRange: duration.default(400 * 86_400_000),
    })
    .prefault({}),
  metrics: z
    .strictObject({
      /** Groups per SLO exported as per-group gauges; the rest are summed into group="other". */
      maxGroupsPerSlo: z.number().int().positive().default(50),
    })
    .prefault({}),
  /** Paging on-call through PagerDuty Events v2 (docs/paging.md). */
  paging: pagingConfigSchema.prefault({}),
  /** One replica evaluates and pages at a time (docs/operations.md#replicas). */
  leadership: leadershipConfigSchema.prefault({}),
  /** Limits and token of the OTLP trace receiver (docs/service.md#trace-slis-the-otlp-receiver). */
  otlp: otlpConfigSchema.prefault({}),
  log: z.strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }).prefault({}),
});

export type ServiceConfig = z.output<typeof configSchema>;
export type ClusterConfig = z.output<typeof clusterSchema>;
