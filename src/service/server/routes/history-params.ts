/** Parses and checks the history query: times as ISO 8601 or Unix epoch seconds, a group as "k=v,k2=v2". */
import type { GroupLabels } from '../../engine/group-labels.js';
import { ApiError } from '../error-body.js';

export interface HistoryQuery {
  from?: string;
  to?: string;
  group?: string;
}

const DEFAULT_RANGE_MS = 24 * 3_600_000;

function bad(message: string, details?: unknown): ApiError {
  return new ApiError(400, 'BAD_REQUEST', message, details);
}

export function parseTime(name: string, text: string): Date {
  const trimmed = text.trim();
  const date = /^\d+(\.\d+)?$/.test(trimmed) ? new Date(Number(trimmed) * 1000) : new Date(trimmed);
  if (trimmed === '' || Number.isNaN(date.getTime())) {
    throw bad(`${name}: expected an ISO 8601 time such as 2026-01-31T12:00:00Z or Unix epoch seconds, got "${text}"`, { parameter: name });
  }
  return date;
}

/** "route=/cart,region=eu" → { route: "/cart", region: "eu" }; every label must be one of groupBy. */
export function parseGroup(text: string, groupBy: readonly string[]): GroupLabels {
  const group: GroupLabels = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    if (eq <= 0 || !groupBy.includes(name)) {
      throw bad(`group: expected label=value pairs over the SLO's groupBy labels (${groupBy.join(', ') || 'none'}), got "${text}"`, {
        parameter: 'group',
        groupBy,
      });
    }
    group[name] = part.slice(eq + 1);
  }
  return group;
}

export function historyRange(query: HistoryQuery, now: Date, maxRangeMs: number): { from: Date; to: Date } {
  const to = query.to === undefined ? now : parseTime('to', query.to);
  const from = query.from === undefined ? new Date(to.getTime() - DEFAULT_RANGE_MS) : parseTime('from', query.from);
  if (from.getTime() >= to.getTime()) throw bad(`from (${from.toISOString()}) must be before to (${to.toISOString()})`);
  if (to.getTime() - from.getTime() > maxRangeMs) {
    throw bad(`range too long: at most ${Math.round(maxRangeMs / 86_400_000)} days per request`, { maxRangeSeconds: maxRangeMs / 1000 });
  }
  return { from, to };
}
