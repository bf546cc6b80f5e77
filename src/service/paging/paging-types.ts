/**
 * The paging domain: what the policy decides (pure), what the outbox stores and what the sender delivers.
 * The store persists these types; the policy never sees the store.
 */
import type { Fence } from '../leadership/lease-types.js';
import type { GroupLabels } from '../engine/group-labels.js';
import type { PagerDutySeverity } from '../../core/conventions/pagerduty-severity.js';

export type EventAction = 'trigger' | 'resolve';

/** A PagerDuty Events API v2 event as sent, without `routing_key`: the key is a secret, added at send time. */
export interface EventBody {
  event_action: EventAction;
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp?: string;
    component?: string;
    group?: string;
    class?: string;
    custom_details?: Record<string, unknown>;
  };
  links?: { href: string; text: string }[];
  client?: string;
  client_url?: string;
}

/** An event the policy decided; written to the outbox before anything is sent. */
export interface PageEvent {
  dedupKey: string;
  action: EventAction;
  /** Owning team: selects the routing key when the event is sent. */
  team: string;
  sloId: string;
  body: EventBody;
  decidedAt: Date;
}

/** An open page of one SLO group and tier. No state means no open page. */
export interface PagingState {
  dedupKey: string;
  sloId: string;
  group: GroupLabels;
  team: string;
  /** When the trigger was decided; also the version replicas compare before changing the state. */
  triggeredAt: Date;
  /** Start of the current run of healthy evaluations (resolve hysteresis); null while burning or unknown. */
  clearSince: Date | null;
  /**
   * The catalog version the page was triggered under, moved forward when a leader on a newer catalog
   * evaluates it: a leader on an older catalog does not resolve it for lack of its SLO. Unset for pages
   * opened before versions were recorded.
   */
  catalogVersion?: string;
}

/** One state transition; applied with its event in one transaction, and only if `previous` is still current. */
export type PagingChange =
  | { kind: 'trigger'; state: PagingState; event: PageEvent }
  | { kind: 'resolve'; previous: PagingState; event: PageEvent }
  | { kind: 'hold'; previous: PagingState; state: PagingState };

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxEntry extends PageEvent {
  /** Outbox order: events of one dedup key are delivered in id order. */
  id: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  /** When it was sent (2xx) or given up (4xx). */
  finishedAt: Date | null;
}

export interface OutboxStats {
  pending: number;
  failed: number;
  oldestPendingAt: Date | null;
  /** Earliest next attempt of a pending event, claimed or not. */
  nextAttemptAt: Date | null;
}

/** Persistence of paging state and the outbox (kysely: SQLite and PostgreSQL). */
export interface PagingStore {
  pagingStates(): Promise<PagingState[]>;
  /**
   * Applies changes in one transaction. Each change applies only when the stored state is still the one the
   * policy saw (another replica may have decided first); returns the events that were enqueued. With a
   * fence, nothing is written (FencedOut) unless the leader's lease is still held.
   */
  applyPagingChanges(changes: readonly PagingChange[], fenced?: { fence: Fence; now: Date }): Promise<PageEvent[]>;
  /** Moves this owner's claim on an event forward while it is being delivered; false if the claim was lost. */
  extendClaim(id: number, owner: string, claimUntil: Date): Promise<boolean>;
  /**
   * Claims, until `claimUntil`, the oldest pending event of each dedup key that is due and not claimed by
   * another sender, oldest first. A later event of a key is never returned while an earlier one is pending.
   * `exclude`: ids this sender already tried in the current pass.
   */
  claimDueEvents(query: { now: Date; claimUntil: Date; owner: string; limit: number; exclude?: readonly number[] }): Promise<OutboxEntry[]>;
  markSent(id: number, update: { attempts: number; at: Date }): Promise<void>;
  markRetry(id: number, update: { attempts: number; nextAttemptAt: Date; error: string }): Promise<void>;
  markFailed(id: number, update: { attempts: number; at: Date; error: string }): Promise<void>;
  outboxStats(): Promise<OutboxStats>;
  /** Outbox rows in order, optionally of one status (operators and tests). */
  outboxEntries(status?: OutboxStatus): Promise<OutboxEntry[]>;
  /** Deletes sent events finished before `before`; pending and failed events stay. */
  pruneSent(before: Date): Promise<number>;
  /**
   * When each of `versions` was last announced (a replica loaded it), as increasing numbers: a larger one is
   * a newer catalog. Versions never announced are missing.
   */
  catalogOrder(versions: readonly string[]): Promise<Map<string, number>>;
}
