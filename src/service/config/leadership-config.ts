/** The evaluator lease (docs/operations.md#replicas): one replica evaluates and pages, the others stand by. */
import { z } from 'zod';
import { durationMs } from './config-fields.js';

const duration = durationMs({ example: '"15s"' });

export const leadershipConfigSchema = z
  .strictObject({
    /** How long a lease lasts without renewal: a crashed leader is replaced within ttl + renewInterval. */
    ttl: duration.default(15_000),
    /** How often the leader renews and standbys try to take over. */
    renewInterval: duration.default(5_000),
    /** How often a standby reads the leader's latest evaluation. */
    followInterval: duration.default(5_000),
  })
  .refine((c) => c.renewInterval * 2 <= c.ttl, {
    path: ['renewInterval'],
    message: 'must be at most half of leadership.ttl, so one missed renewal does not lose the lease',
  });

export type LeadershipConfig = z.output<typeof leadershipConfigSchema>;

