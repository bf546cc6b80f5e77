/**
 * The `paging` section of the service configuration. Routing keys are secrets: the config names the file
 * (a mounted Kubernetes Secret) or environment variable per team, never the key itself.
 */
import { z } from 'zod';
import { durationMs, httpUrl } from './config-fields.js';

export const DEFAULT_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

function duration(allowZero = false) {
  return durationMs({ allowZero, example: '"30s" or "5m"' });
}

const eventsUrl = httpUrl('"https://events.pagerduty.com/v2/enqueue"');

/** A path (the file holding the key), `{ file }`, or `{ env }`. */
const routingKeySource = z.union([
  z
    .string()
    .min(1)
    .transform((file) => ({ file })),
  z.strictObject({ file: z.string().min(1) }),
  z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name') }),
]);

export const pagingConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    eventsUrl: eventsUrl.default(DEFAULT_EVENTS_URL),
    /** Team (as in the SLO definitions) → where its PagerDuty integration key is. */
    routingKeys: z.record(z.string().min(1), routingKeySource).default({}),
    /** For teams without their own entry. */
    defaultRoutingKey: routingKeySource.optional(),
    /** Replaced by each SLO's page hold, so the service and the generated page alert resolve alike. */
    resolveAfter: z
      .undefined({
        error: 'is no longer read: a page resolves after its SLO\'s alerting.page.keepFiringFor (default 5m), the same hold as the generated page alert; set it in the definition',
      })
      .optional(),
    /** Per request to PagerDuty. */
    timeout: duration().default(10_000),
    /** Quick retries within one delivery; after them the event waits in the outbox for the next attempt. */
    retries: z.number().int().min(0).max(10).default(2),
    minRetryDelay: duration().default(1_000),
    /** Longest wait between attempts, and the cap on a Retry-After. */
    maxRetryDelay: duration().default(300_000),
    /** How often the sender looks at the outbox unprompted. */
    pollInterval: duration().default(15_000),
    /** Sent events are deleted from the outbox after this. */
    keepSent: duration().default(7 * 86_400_000),
  })
  .refine((c) => !c.enabled || c.defaultRoutingKey !== undefined || Object.keys(c.routingKeys).length > 0, {
    message: 'paging is enabled but no routing key is configured: set paging.routingKeys.<team> or paging.defaultRoutingKey',
    path: ['routingKeys'],
  })
  .refine((c) => c.minRetryDelay <= c.maxRetryDelay, { message: 'minRetryDelay must not exceed maxRetryDelay', path: ['minRetryDelay'] });

export type PagingConfig = z.output<typeof pagingConfigSchema>;
