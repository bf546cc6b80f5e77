/**
 * The index's filters and sort, from query parameters so they work without script and links can be
 * shared: `status` (repeated or comma-separated; an SLO matching any listed state is shown), `team`,
 * `service` and `sort`. Bad values answer 400 naming what is allowed, rather than an empty page.
 */
import { ApiError } from '../error-body.js';
import { isSpent } from './budget-colour.js';
import type { SloView } from './status-view.js';

export const STATUS_FILTERS = ['spent', 'burning', 'stale', 'no-data', 'pending', 'raw', 'ok'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const SORTS = ['service', 'budget', 'burn', 'exhaustion'] as const;
export type IndexSort = (typeof SORTS)[number];

export const STATUS_FILTER_TEXT: Record<StatusFilter, string> = {
  spent: 'budget spent',
  burning: 'burning over an alert threshold',
  stale: 'stale cluster data',
  'no-data': 'no data',
  pending: 'pending',
  raw: 'raw SLI',
  ok: 'ok',
};
export const SORT_TEXT: Record<IndexSort, string> = {
  service: 'service and name',
  budget: 'least budget left',
  burn: 'highest burn rate against its threshold',
  exhaustion: 'soonest exhausted',
};

export interface IndexQuery {
  statuses: StatusFilter[];
  team?: string;
  service?: string;
  sort: IndexSort;
}

export interface RawIndexQuery {
  status?: string | string[];
  team?: string | string[];
  service?: string | string[];
  sort?: string | string[];
}

function bad(parameter: string, message: string, allowed: readonly string[]): ApiError {
  return new ApiError(400, 'BAD_REQUEST', `${parameter}: ${message}`, { parameter, allowed });
}

/** One value of a parameter that may appear once; an empty value means "not set" (a form's "all"). */
function single(parameter: string, value: string | string[] | undefined, allowed: readonly string[]): string | undefined {
  if (Array.isArray(value)) throw bad(parameter, `expected one value, got ${value.length}`, allowed);
  if (value === undefined || value === '') return undefined;
  if (!allowed.includes(value)) throw bad(parameter, `expected one of ${allowed.join(', ')}, got "${value}"`, allowed);
  return value;
}

export function parseIndexQuery(raw: RawIndexQuery, known: { teams: readonly string[]; services: readonly string[] }): IndexQuery {
  const listed = [raw.status ?? []].flat().flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const unknown = listed.find((v) => !(STATUS_FILTERS as readonly string[]).includes(v));
  if (unknown !== undefined) throw bad('status', `expected any of ${STATUS_FILTERS.join(', ')}, got "${unknown}"`, STATUS_FILTERS);
  const team = single('team', raw.team, known.teams);
  const service = single('service', raw.service, known.services);
  return {
    statuses: STATUS_FILTERS.filter((s) => listed.includes(s)),
    ...(team ? { team } : {}),
    ...(service ? { service } : {}),
    sort: (single('sort', raw.sort, SORTS) as IndexSort | undefined) ?? 'service',
  };
}

/** Every state an SLO is in: a spent SLO can also be burning and have a stale cluster. */
export function sloStates(slo: SloView): Set<StatusFilter> {
  const states = new Set<StatusFilter>();
  if (slo.remainingRatio !== null && isSpent(slo.remainingRatio)) states.add('spent');
  if (slo.alertPairs.some((p) => p.over)) states.add('burning');
  if (slo.staleClusters.length > 0) states.add('stale');
  if (slo.status === 'no-data') states.add('no-data');
  if (slo.status === 'pending') states.add('pending');
  if (slo.status === 'unsupported') states.add('raw');
  if (states.size === 0) states.add('ok');
  return states;
}

/** How far over its alert threshold an SLO burns: the worst pair's slower window ÷ its factor. */
export function burnOverThreshold(slo: SloView): number {
  return Math.max(0, ...slo.alertPairs.map((p) => Math.min(p.longRate ?? 0, p.shortRate ?? 0) / p.factor));
}

const lastIfNull = (value: number | null) => value ?? Infinity;
const SORT_KEYS: Record<Exclude<IndexSort, 'service'>, (slo: SloView) => number> = {
  budget: (slo) => lastIfNull(slo.remainingRatio),
  burn: (slo) => -burnOverThreshold(slo),
  exhaustion: (slo) => (slo.remainingRatio !== null && isSpent(slo.remainingRatio) ? -1 : lastIfNull(slo.secondsToExhaustion)),
};

/** The SLOs the query selects, in its order; ties keep the view's service-and-name order. */
export function selectSlos(slos: readonly SloView[], query: IndexQuery): SloView[] {
  const selected = slos.filter(
    (slo) =>
      (!query.team || slo.team === query.team) &&
      (!query.service || slo.service === query.service) &&
      (query.statuses.length === 0 || query.statuses.some((s) => sloStates(slo).has(s))),
  );
  if (query.sort === 'service') return selected;
  const key = SORT_KEYS[query.sort];
  return selected.map((slo, i) => ({ slo, i, k: key(slo) })).sort((a, b) => a.k - b.k || a.i - b.i).map((e) => e.slo);
}
