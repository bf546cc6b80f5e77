/**
 * Paging under catalog skew: two replicas on one PostgreSQL database, one whose catalog lacks the burning
 * SLO ("stale", started first, so it leads) and one with it ("full", started second, so its catalog is the
 * newest recorded), reading a real Prometheus where the SLO burns the whole time, paging the fake PagerDuty.
 * The lease is shortened to ttl 10 s, renewed every 3 s, to keep the run short. Leadership is moved by
 * stalls (SIGSTOP/SIGCONT: no restart, so the recorded catalogs stay as they are):
 *   1. the stale leader stalls 14 s (> ttl + renewal): the full replica takes over and pages;
 *   2. the full leader stalls 13 s: longer than the ttl, shorter than ttl + the stale replica's grace (one
 *      more ttl), so the stale replica must not take over;
 *   3. the full leader stalls until the stale replica takes over (ttl + grace), and 6 s more.
 * Counted at the fake: trigger and resolve events per dedup key after phases 1–2, and resolves in phase 3.
 */
import { BURNING_SLO, eventsPerKey, pagingReplicaConfig, startPagerDuty, writeCatalogs } from './burning.js';
import { createDatabase, lockWaits, readyz, sleep, startServe, stopAll, until, type Launcher, type ServeProcess } from './support.js';

export interface SkewResult {
  /** Events of the burning SLO accepted while the stale replica led at the start (expected 0: it does not know it). */
  triggersWhileStaleLed: number;
  /** Seconds from stalling the stale leader until the first trigger reached PagerDuty. */
  pageAfterStallSeconds: number;
  /** After phases 1–2: most triggers of one dedup key, and resolves (the SLO burns throughout). */
  triggersPerKey: number;
  resolves: number;
  keys: number;
  /** NaN seconds when the stale replica did not lead within 60 s; `blocked` then says what PostgreSQL showed. */
  longStall?: { staleLedAfterSeconds: number; resolves: number; triggersPerKey: number; blocked?: string };
}

export async function runCatalogSkew(launcher: Launcher, dir: string, prometheusUrl: string, options: { longStall: boolean }): Promise<SkewResult> {
  const catalogs = await writeCatalogs(dir);
  const pagerDuty = await startPagerDuty();
  const db = await createDatabase();
  const replicas: ServeProcess[] = [];
  const triggers = () => pagerDuty.fake.events.filter((e) => e.event_action === 'trigger').length;
  const count = () => {
    const perKey = [...eventsPerKey(pagerDuty.fake).values()];
    return { keys: perKey.length, triggersPerKey: Math.max(0, ...perKey.map((c) => c.trigger)), resolves: perKey.reduce((sum, c) => sum + c.resolve, 0) };
  };
  try {
    const start = async (name: string, catalog: string) => {
      const leadership = { ttl: '10s', renewInterval: '3s' };
      const config = await pagingReplicaConfig({ name, dir, catalog, prometheusUrl, databaseUrl: db.url, pagerDuty, leadership });
      const serve = await startServe(launcher, { name, dir, config });
      replicas.push(serve);
      return serve;
    };
    const stale = await start('stale', catalogs.stale);
    await until('the stale replica to lead', async () => (await readyz(stale)).role === 'leader', 60_000);
    const full = await start('full', catalogs.full);
    await until('the full replica to follow', async () => (await readyz(full)).role === 'standby', 60_000);
    await sleep(2000);
    const triggersWhileStaleLed = triggers();

    const stalled = performance.now();
    stale.signal('SIGSTOP');
    try {
      await until('the full replica to lead', async () => (await readyz(full)).role === 'leader', 45_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}; PostgreSQL: ${await lockWaits(db.url)}`);
    }
    await until(`a trigger for ${BURNING_SLO}`, () => triggers() > 0, 30_000, 50);
    const pageAfterStallSeconds = (performance.now() - stalled) / 1000;
    await sleep(Math.max(0, stalled + 14_000 - performance.now()));
    stale.signal('SIGCONT');
    await sleep(3000);

    full.signal('SIGSTOP');
    await sleep(13_000);
    full.signal('SIGCONT');
    await sleep(5000);
    const result: SkewResult = { triggersWhileStaleLed, pageAfterStallSeconds, ...count() };

    if (options.longStall) {
      const stalledAgain = performance.now();
      full.signal('SIGSTOP');
      let staleLedAfterSeconds = NaN;
      let blocked: string | undefined;
      try {
        await until('the stale replica to lead', async () => (await readyz(stale)).role === 'leader', 60_000);
        staleLedAfterSeconds = (performance.now() - stalledAgain) / 1000;
        await sleep(6000);
      } catch {
        blocked = await lockWaits(db.url);
      }
      full.signal('SIGCONT');
      await sleep(2000);
      const after = count();
      result.longStall = { staleLedAfterSeconds, resolves: after.resolves - result.resolves, triggersPerKey: after.triggersPerKey, ...(blocked ? { blocked } : {}) };
    }
    return result;
  } finally {
    await stopAll(replicas);
    await pagerDuty.close();
    await db.drop();
  }
}
