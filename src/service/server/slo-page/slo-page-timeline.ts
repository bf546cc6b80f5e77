/**
 * The page and ticket timeline of one SLO (or one group): events the paging policy decided, from the
 * outbox, plus the pages still open, from the paging state. Read from the store, so a standby shows what
 * the leader paged.
 */
import { DEDUP_KEY_PREFIX, dedupKey } from '../../paging/dedup-key.js';
import type { OutboxStatus, PagingStore } from '../../paging/paging-types.js';
import type { GroupLabels } from '../../engine/group-labels.js';

export interface TimelineEvent {
  at: Date;
  action: 'trigger' | 'resolve';
  tier: string;
  group: string;
  delivery: OutboxStatus;
}

export interface OpenPage {
  since: Date;
  tier: string;
  group: string;
}

export interface Timeline {
  events: TimelineEvent[];
  open: OpenPage[];
}

/** Dedup keys end in the tier (`burnrate/<slo>/<group>/<tier>`); a hashed key keeps that last segment. */
const tierOf = (key: string) => key.slice(key.lastIndexOf('/') + 1);

function belongs(key: string, sloId: string, group: GroupLabels | undefined): boolean {
  const tier = tierOf(key);
  if (group) return key === dedupKey(sloId, group, tier);
  return key.startsWith(`${DEDUP_KEY_PREFIX}/${sloId}/`) || key === dedupKey(sloId, {}, tier);
}

export async function readTimeline(
  paging: Pick<PagingStore, 'outboxEntries' | 'pagingStates'>,
  query: { sloId: string; group?: GroupLabels; from: Date; to: Date },
): Promise<Timeline> {
  const groupText = (key: string) => {
    const text = key.slice(`${DEDUP_KEY_PREFIX}/${query.sloId}/`.length, key.lastIndexOf('/'));
    return text === '{}' ? 'whole SLO' : text;
  };
  const [entries, states] = await Promise.all([paging.outboxEntries(), paging.pagingStates()]);
  const events = entries
    .filter((e) => e.sloId === query.sloId && belongs(e.dedupKey, query.sloId, query.group))
    .filter((e) => e.decidedAt >= query.from && e.decidedAt <= query.to)
    .map((e) => ({ at: e.decidedAt, action: e.action, tier: tierOf(e.dedupKey), group: groupText(e.dedupKey), delivery: e.status }))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const open = states
    .filter((s) => s.sloId === query.sloId && belongs(s.dedupKey, query.sloId, query.group))
    .map((s) => ({ since: s.triggeredAt, tier: tierOf(s.dedupKey), group: groupText(s.dedupKey) }));
  return { events, open };
}
