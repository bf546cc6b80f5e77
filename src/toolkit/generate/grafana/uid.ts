/**
 * Stable dashboard uids. Grafana allows at most 40 characters of [A-Za-z0-9_-]; service names may be longer,
 * so long (or colliding) names keep a readable prefix plus a hash of the whole name.
 */
import { createHash } from 'node:crypto';

export const MAX_UID_LENGTH = 40;
/** Every generated uid starts with it: `burnrate-<service>` is a service dashboard's uid when the name fits. */
export const UID_PREFIX = 'burnrate-';
const HASH_LENGTH = 8;

export const OVERVIEW_UID = `${UID_PREFIX}overview`;

function hashed(name: string): string {
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_LENGTH);
  const room = MAX_UID_LENGTH - UID_PREFIX.length - 1 - HASH_LENGTH;
  const stem = name.slice(0, room).replace(/-+$/, '');
  return `${UID_PREFIX}${stem}-${hash}`;
}

/** `burnrate-<service>` when it fits and cannot be mistaken for the overview; otherwise prefix plus hash. */
export function serviceDashboardUid(service: string): string {
  const plain = `${UID_PREFIX}${service}`;
  const fits = plain.length <= MAX_UID_LENGTH && /^[A-Za-z0-9_-]+$/.test(plain);
  return fits && plain !== OVERVIEW_UID ? plain : hashed(service);
}
