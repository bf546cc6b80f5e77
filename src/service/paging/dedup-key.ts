/**
 * Stable PagerDuty dedup keys: one incident per SLO, group and tier, whatever the label order, across
 * restarts and replicas. PagerDuty caps dedup_key at 255 characters; longer keys fall back to a hash.
 */
import { createHash } from 'node:crypto';
import { ALERT_TIERS } from '../../core/conventions/metrics.js';
import { groupDedupText, type GroupLabels } from '../engine/group-labels.js';

export const DEDUP_KEY_PREFIX = 'burnrate';
const MAX_DEDUP_KEY = 255;

function digest(text: string): string {
  return `sha256-${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
}

/** `burnrate/<slo-id>/<canonical group>/<tier>`, e.g. `burnrate/checkout-availability/{route="/cart"}/page`. */
export function dedupKey(sloId: string, group: GroupLabels, tier: string = ALERT_TIERS.page): string {
  const readable = `${DEDUP_KEY_PREFIX}/${sloId}/${groupDedupText(group)}/${tier}`;
  if (readable.length <= MAX_DEDUP_KEY) return readable;
  const hashedGroup = `${DEDUP_KEY_PREFIX}/${sloId}/${digest(groupDedupText(group))}/${tier}`;
  return hashedGroup.length <= MAX_DEDUP_KEY ? hashedGroup : `${DEDUP_KEY_PREFIX}/${digest(readable)}/${tier}`;
}
