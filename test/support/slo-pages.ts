/** Pages the paging policy would have opened and resolved for an SLO, written through the real paging store. */
import type { CatalogSlo } from '../../src/service/catalog/load-catalog.js';
import type { GroupLabels } from '../../src/service/engine/group-labels.js';
import { dedupKey } from '../../src/service/paging/dedup-key.js';
import type { PageEvent, PagingState, PagingStore } from '../../src/service/paging/paging-types.js';

export interface Incident {
  triggeredAt: Date;
  resolvedAt?: Date;
  group?: GroupLabels;
  tier?: 'page' | 'ticket';
}

function event(state: PagingState, action: PageEvent['action'], at: Date): PageEvent {
  return {
    dedupKey: state.dedupKey,
    action,
    team: state.team,
    sloId: state.sloId,
    body: {
      event_action: action,
      dedup_key: state.dedupKey,
      ...(action === 'trigger' ? { payload: { summary: `${state.sloId} burning`, source: 'burnrate', severity: 'critical' as const } } : {}),
    },
    decidedAt: at,
  };
}

export async function seedPages(paging: PagingStore, slo: CatalogSlo, incidents: readonly Incident[]): Promise<void> {
  for (const incident of incidents) {
    const group = incident.group ?? {};
    const state: PagingState = { dedupKey: dedupKey(slo.id, group, incident.tier ?? 'page'), sloId: slo.id, group, team: slo.team, triggeredAt: incident.triggeredAt, clearSince: null };
    await paging.applyPagingChanges([{ kind: 'trigger', state, event: event(state, 'trigger', incident.triggeredAt) }]);
    if (incident.resolvedAt) await paging.applyPagingChanges([{ kind: 'resolve', previous: state, event: event(state, 'resolve', incident.resolvedAt) }]);
  }
}
