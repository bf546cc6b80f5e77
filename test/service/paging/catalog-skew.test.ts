/**
 * Catalog skew on both real databases: replicas announce their catalogs as they load them, and a leader on a
 * catalog announced before the one a page was raised under keeps that page instead of resolving it for lack
 * of its SLO. A catalog announced later (one that deletes the SLO, or a rollback) resolves it. Each replica
 * is its own paging (policy, outbox, sender, metrics) on one database.
 */
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PAGING_METRICS } from '../../../src/core/conventions/metrics.js';
import { pagingConfigSchema } from '../../../src/service/config/paging-config.js';
import { dedupKey } from '../../../src/service/paging/dedup-key.js';
import { decidePaging, pagingDecisions } from '../../../src/service/paging/paging-policy.js';
import { startPaging, type Paging } from '../../../src/service/paging/start-paging.js';
import type { SnapshotStore } from '../../../src/service/store/types.js';
import { startFakePagerDutyEvents, type FakePagerDutyEvents } from '../../support/fake-pagerduty-events.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { releaseTestDatabase, STORE_TARGETS, type OpenedStore } from '../store/store-targets.js';
import { availability, BURNING, catalog, latency, minutes, snapshot } from './paging-fixtures.js';
import { writeRoutingKey, type LogLine } from './sender-harness.js';

const KEY = dedupKey(availability.id, {});
/** The catalog with the burning SLO, and two without it: one older, one that deletes it. */
const withSlo = { version: 'v-with', slos: catalog.slos };
const withoutSlo = { version: 'v-without', slos: catalog.slos.filter((s) => s.id !== availability.id) };
const deleting = { version: 'v-deleting', slos: withoutSlo.slos };
const burning = (at: Date) => [snapshot({ slo: availability, at, fill: BURNING })];

let fake: FakePagerDutyEvents;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let keyFile: string;

beforeAll(async () => {
  fake = await startFakePagerDutyEvents();
  temp = await makeTempDir('burnrate-catalog-skew-');
  keyFile = await writeRoutingKey(temp.dir);
});

afterAll(async () => {
  await fake?.close();
  await temp?.remove();
  await releaseTestDatabase();
});

interface Replica {
  store: SnapshotStore;
  paging: Paging;
  logs: LogLine[];
  registry: Registry;
  /** Loading (or reloading) a catalog announces it, as the service's catalog listener does. */
  load(version: string, at: Date): Promise<void>;
  heldBack(): Promise<number>;
}

describe.each(STORE_TARGETS)('catalog skew on $name', (target) => {
  let opened: OpenedStore | undefined;
  const replicas: Replica[] = [];
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((r) => r.paging.close()));
    await opened?.dispose();
    opened = undefined;
  });

  async function replica(): Promise<Replica> {
    if (!opened) {
      opened = await target.open();
      await opened.store.migrate();
    }
    // One store for all: the replicas' state is the database's, and SQLite wants one writer per process.
    const store = opened.store;
    const logs: LogLine[] = [];
    const log = (level: LogLine['level']) => (details: object, message: string) => logs.push({ level, details: details as Record<string, unknown>, message });
    const registry = new Registry();
    const config = pagingConfigSchema.parse({ enabled: true, eventsUrl: fake.url, routingKeys: { payments: keyFile }, retries: 0, pollInterval: '1h' });
    const paging = await startPaging({ config, store: store.paging, registry, logger: { info: log('info'), warn: log('warn'), error: log('error') }, clock: () => minutes(0) });
    const r: Replica = {
      store,
      paging,
      logs,
      registry,
      load: (version, at) => store.recordCatalogVersion({ version, sloCount: 1, loadedAt: at }),
      heldBack: async () => (await registry.getSingleMetric(PAGING_METRICS.resolvesHeldBack)!.get()).values[0]?.value ?? NaN,
    };
    replicas.push(r);
    return r;
  }

  const actions = async (store: SnapshotStore) => (await store.paging.outboxEntries()).map((e) => `${e.action} ${e.dedupKey}`);

  it('a leader on an older catalog keeps a page raised under a newer one; it logs that once and counts each evaluation', async () => {
    const stale = await replica();
    const fresh = await replica();
    await stale.load(withoutSlo.version, minutes(0));
    await fresh.load(withSlo.version, minutes(1));

    await fresh.paging.afterEvaluation({ at: minutes(2), snapshots: burning(minutes(2)), catalog: withSlo });
    expect(await fresh.store.paging.pagingStates()).toEqual([expect.objectContaining({ dedupKey: KEY, catalogVersion: withSlo.version })]);

    // The fresh leader stalls; the stale replica leads and evaluates twice while the SLO still burns.
    for (const m of [3, 4]) await stale.paging.afterEvaluation({ at: minutes(m), snapshots: [], catalog: withoutSlo });
    expect(await actions(stale.store)).toEqual([`trigger ${KEY}`]);
    expect(await stale.store.paging.pagingStates()).toEqual([expect.objectContaining({ dedupKey: KEY, catalogVersion: withSlo.version, triggeredAt: minutes(2), clearSince: null })]);
    expect(stale.logs.filter((l) => l.message.startsWith('page kept open'))).toEqual([
      expect.objectContaining({ level: 'info', details: expect.objectContaining({ dedupKey: KEY, pageCatalog: withSlo.version, catalog: withoutSlo.version }) }),
    ]);
    expect(await stale.heldBack()).toBe(2);

    // The fresh replica leads again: the page is still the one it raised, and burning keeps it quiet.
    await fresh.paging.afterEvaluation({ at: minutes(5), snapshots: burning(minutes(5)), catalog: withSlo });
    expect(await actions(fresh.store)).toEqual([`trigger ${KEY}`]);
  });

  it('a catalog announced after the page\'s, without the SLO (it was deleted), resolves the page', async () => {
    const fresh = await replica();
    const deployer = await replica();
    await fresh.load(withSlo.version, minutes(0));
    await fresh.paging.afterEvaluation({ at: minutes(1), snapshots: burning(minutes(1)), catalog: withSlo });
    await deployer.load(deleting.version, minutes(2));
    await deployer.paging.afterEvaluation({ at: minutes(3), snapshots: [], catalog: deleting });
    expect(await actions(deployer.store)).toEqual([`trigger ${KEY}`, `resolve ${KEY}`]);
    expect(await deployer.store.paging.pagingStates()).toEqual([]);
    expect(await deployer.heldBack()).toBe(0);
  });

  it('an older catalog announced again (a rollback, or a restart) counts as the newest, whatever its clock says', async () => {
    const stale = await replica();
    const fresh = await replica();
    await stale.load(withoutSlo.version, minutes(0));
    await fresh.load(withSlo.version, minutes(10));
    await fresh.paging.afterEvaluation({ at: minutes(11), snapshots: burning(minutes(11)), catalog: withSlo });
    await stale.paging.afterEvaluation({ at: minutes(12), snapshots: [], catalog: withoutSlo });
    expect(await actions(stale.store)).toEqual([`trigger ${KEY}`]);

    // Rolled back: the old catalog is loaded again, by a replica whose clock is behind the last announcement.
    await stale.load(withoutSlo.version, minutes(5));
    const order = await stale.store.paging.catalogOrder([withSlo.version, withoutSlo.version, 'never-announced']);
    expect([...order.keys()].sort()).toEqual([withSlo.version, withoutSlo.version].sort());
    expect(order.get(withoutSlo.version)).toBeGreaterThan(order.get(withSlo.version)!);
    await stale.paging.afterEvaluation({ at: minutes(13), snapshots: [], catalog: withoutSlo });
    expect(await actions(stale.store)).toEqual([`trigger ${KEY}`, `resolve ${KEY}`]);
  });

  it('a page evaluated by a leader on a newer catalog records it, so a catalog announced in between does not resolve it', async () => {
    const first = await replica();
    const between = await replica();
    const latest = await replica();
    const renamed = { version: 'v-with-2', slos: withSlo.slos };
    await first.load(withSlo.version, minutes(0));
    await first.paging.afterEvaluation({ at: minutes(1), snapshots: burning(minutes(1)), catalog: withSlo });
    await between.load(withoutSlo.version, minutes(2));
    await latest.load(renamed.version, minutes(3));
    // The leader on the newest catalog sees the page still burning: no event, but the page now records its catalog.
    await latest.paging.afterEvaluation({ at: minutes(4), snapshots: burning(minutes(4)), catalog: renamed });
    expect(await latest.store.paging.pagingStates()).toEqual([expect.objectContaining({ catalogVersion: renamed.version, triggeredAt: minutes(1) })]);
    // An older leader on a catalog that has the SLO does not move the page back to its own version.
    await first.paging.afterEvaluation({ at: minutes(5), snapshots: burning(minutes(5)), catalog: withSlo });
    expect(await first.store.paging.pagingStates()).toEqual([expect.objectContaining({ catalogVersion: renamed.version })]);
    await between.paging.afterEvaluation({ at: minutes(6), snapshots: [], catalog: withoutSlo });
    expect(await actions(between.store)).toEqual([`trigger ${KEY}`]);
    expect(await between.heldBack()).toBe(1);
  });
});

describe('paging policy under catalog skew (pure)', () => {
  const announced = new Map([
    ['old', 1],
    ['new', 2],
  ]);
  const page = { dedupKey: KEY, sloId: availability.id, group: {}, team: 'payments', triggeredAt: minutes(0), clearSince: null };
  const older = { at: minutes(1), slos: [latency], snapshots: [] };

  it('keeps a page raised under a newer catalog, resolves one raised under an older or the same one', () => {
    expect(pagingDecisions({ ...older, states: [{ ...page, catalogVersion: 'new' }], catalog: { version: 'old', announced } })).toEqual({
      changes: [],
      kept: [{ state: { ...page, catalogVersion: 'new' }, pageCatalog: 'new', catalog: 'old' }],
    });
    for (const version of ['old', 'new']) {
      const changes = decidePaging({ ...older, states: [{ ...page, catalogVersion: 'old' }], catalog: { version, announced } });
      expect(changes.map((c) => c.kind)).toEqual(['resolve']);
    }
  });

  it('judges as before versions existed when the page has no announced version, and keeps when the deciding catalog was never announced', () => {
    expect(decidePaging({ ...older, states: [page], catalog: { version: 'old', announced } }).map((c) => c.kind)).toEqual(['resolve']);
    expect(decidePaging({ ...older, states: [{ ...page, catalogVersion: 'lost' }], catalog: { version: 'old', announced } }).map((c) => c.kind)).toEqual(['resolve']);
    expect(decidePaging({ ...older, states: [{ ...page, catalogVersion: 'new' }], catalog: { version: 'unannounced', announced } })).toEqual([]);
    expect(decidePaging({ ...older, states: [{ ...page, catalogVersion: 'new' }] }).map((c) => c.kind)).toEqual(['resolve']);
  });

  it('records the deciding catalog on a trigger', () => {
    const [change] = decidePaging({ at: minutes(1), slos: [availability], snapshots: burning(minutes(1)), states: [], catalog: { version: 'old', announced } });
    expect(change).toMatchObject({ kind: 'trigger', state: { catalogVersion: 'old' } });
  });
});
