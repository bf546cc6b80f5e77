/**
 * Wires paging together for the service: after each evaluation the policy decides, the decisions and
 * their events are written to the outbox in one transaction, and the sender is woken to deliver them.
 */
import type { Registry } from 'prom-client';
import type { LoadedCatalog } from '../catalog/load-catalog.js';
import type { BudgetSnapshot } from '../engine/types.js';
import { OutboxSender, type SenderLogger } from './outbox-sender.js';
import type { PagingConfig } from '../config/paging-config.js';
import { createPagingMetrics } from './paging-metrics.js';
import { pagingDecisions, type KeptPage } from './paging-policy.js';
import type { PagingStore } from './paging-types.js';
import { RoutingKeys } from './routing-keys.js';
import { FencedOut, type Fence } from '../leadership/lease-types.js';

export interface PagingDeps {
  config: PagingConfig;
  /** The clock leases are judged by (wall time). */
  leaseClock?: () => Date;
  store: PagingStore;
  registry: Registry;
  logger: SenderLogger;
  clock: () => Date;
  env?: Record<string, string | undefined>;
}

export interface EvaluatedRun {
  at: Date;
  snapshots: readonly BudgetSnapshot[];
  catalog: Pick<LoadedCatalog, 'slos'> & Partial<Pick<LoadedCatalog, 'version'>>;
  /** The leader's fence: decisions are written only while its lease holds. */
  fence?: Fence;
}

export interface Paging {
  /** The scheduler's hook after snapshots are saved. Logs its failures; the next evaluation decides again. */
  afterEvaluation(run: EvaluatedRun): Promise<void>;
  sender: OutboxSender;
  close(): Promise<void>;
}

export async function startPaging({ config, store, registry, logger, clock, env, leaseClock = () => new Date() }: PagingDeps): Promise<Paging> {
  const metrics = createPagingMetrics(registry, clock);
  const routingKeys = new RoutingKeys({ teams: config.routingKeys, ...(config.defaultRoutingKey ? { fallback: config.defaultRoutingKey } : {}), ...(env ? { env } : {}) });
  const sender = new OutboxSender({
    store,
    eventsUrl: config.eventsUrl,
    routingKeys,
    metrics,
    logger,
    clock,
    timeoutMs: config.timeout,
    retries: config.retries,
    minDelayMs: config.minRetryDelay,
    maxDelayMs: config.maxRetryDelay,
    pollIntervalMs: config.pollInterval,
    keepSentMs: config.keepSent,
  });
  metrics.openPages.set((await store.pagingStates()).length);
  await sender.observe();
  sender.start();
  logger.info({ eventsUrl: config.eventsUrl, teams: Object.keys(config.routingKeys), pendingEvents: sender.stats.pending }, 'paging started');

  // Pages kept open because the deciding catalog is older than theirs: logged once while that lasts.
  let keptBefore = new Set<string>();
  const reportKept = (kept: readonly KeptPage[]) => {
    const now = new Set<string>();
    for (const { state, pageCatalog, catalog } of kept) {
      const id = `${state.dedupKey} ${pageCatalog} ${catalog}`;
      now.add(id);
      metrics.resolvesHeldBack.inc();
      if (keptBefore.has(id)) continue;
      logger.info(
        { dedupKey: state.dedupKey, slo: state.sloId, pageCatalog, catalog },
        'page kept open: its SLO is missing from this catalog, but the page was raised under a newer one; it is not resolved',
      );
    }
    keptBefore = now;
  };

  return {
    sender,
    async afterEvaluation({ at, snapshots, catalog, fence }) {
      try {
        const states = await store.pagingStates();
        // The announcement order of this catalog and of the pages' catalogs: an older one does not resolve their pages.
        const version = catalog.version;
        const pageVersions = states.flatMap((s) => (s.catalogVersion === undefined ? [] : [s.catalogVersion]));
        const order = version === undefined ? undefined : { version, announced: await store.catalogOrder([version, ...pageVersions]) };
        const { changes, kept } = pagingDecisions({ at, slos: catalog.slos, snapshots, states, ...(order ? { catalog: order } : {}) });
        logger.debug?.({ openPages: states.length, snapshots: snapshots.length, changes: changes.map((c) => `${c.kind} ${('state' in c ? c.state : c.previous).dedupKey}`) }, 'paging decisions considered');
        const enqueued = await store.applyPagingChanges(changes, fence ? { fence, now: leaseClock() } : undefined);
        reportKept(kept);
        for (const event of enqueued) {
          metrics.eventsDecided.inc({ action: event.action });
          logger.info({ dedupKey: event.dedupKey, action: event.action, slo: event.sloId, team: event.team, summary: event.body.payload?.summary }, 'page decided; queued for PagerDuty');
        }
        if (changes.length > 0) metrics.openPages.set((await store.pagingStates()).length);
        if (enqueued.length > 0) sender.notify();
      } catch (error) {
        if (error instanceof FencedOut) logger.warn({ epoch: error.fence.epoch }, 'paging decisions not written: another replica leads now and decides');
        else logger.error({ err: error }, 'paging decision failed; it is decided again at the next evaluation');
      }
    },
    close: () => sender.stop(),
  };
}
