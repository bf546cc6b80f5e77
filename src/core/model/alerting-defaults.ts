/** Defaults of an SLO's alerting policy, shared by validation, export, the rules and the service's paging. */
import type { Slo } from './slo.js';

/** Burn alerts stay quiet while the long window holds fewer events than this. */
export const DEFAULT_MIN_EVENTS = 100;

/** A firing page is held this long after its condition clears, in the rules and in the service's paging. */
export const DEFAULT_PAGE_KEEP_FIRING_SECONDS = 300;

/** Seconds a page of this SLO is held after its condition clears (0: resolve at once). */
export function pageHoldSeconds(slo: Pick<Slo, 'alerting'>): number {
  return slo.alerting.page.keepFiringForSeconds ?? DEFAULT_PAGE_KEEP_FIRING_SECONDS;
}
