/**
 * Paging through a leader crash: two replicas with the same catalog on one PostgreSQL database, the SLO
 * burning in a real Prometheus. PagerDuty accepts the first trigger but its answer is held back, and the
 * replica that sent it (the leader) is SIGKILLed while it waits: the worst moment, the event delivered but
 * still pending in the outbox, claimed by a dead sender. Measured: deliveries per dedup key reaching
 * PagerDuty (target at most 2, at least 1), seconds from the kill until the other replica leads and until
 * it sends the pending event again. Paging timings are the defaults (timeout 10 s, so a claim lasts
 * 25 s; the outbox is polled every 15 s).
 */
import { pagingReplicaConfig, startPagerDuty, writeCatalogs, type Delivery } from './burning.js';
import { createDatabase, leaseHolderPid, readyz, sleep, startServe, stopAll, until, within, type Launcher, type ServeProcess } from './support.js';

export interface CrashResult {
  victimWasLeader: boolean;
  /** Requests with the trigger's dedup key and action that reached PagerDuty. */
  triggerDeliveries: number;
  /** Dedup keys PagerDuty accepted at least one trigger for (1: none lost, no second incident). */
  incidents: number;
  newLeaderSeconds: number;
  resentSeconds: number;
}

export async function runLeaderCrash(launcher: Launcher, dir: string, prometheusUrl: string): Promise<CrashResult> {
  const catalogs = await writeCatalogs(dir);
  const pagerDuty = await startPagerDuty({ holdFirstMs: 120_000 });
  const first = new Promise<Delivery>((resolve) => (pagerDuty.onFirst = resolve));
  const db = await createDatabase();
  const replicas: ServeProcess[] = [];
  try {
    const start = async (name: string) => {
      const config = await pagingReplicaConfig({ name, dir, catalog: catalogs.full, prometheusUrl, databaseUrl: db.url, pagerDuty });
      const serve = await startServe(launcher, { name, dir, config });
      replicas.push(serve);
      return serve;
    };
    await Promise.all([start('a'), start('b')]);
    const delivery = await within(first, 60_000);
    if (!delivery) throw new Error('no trigger reached PagerDuty within 60 s');
    const victim = replicas.find((r) => r.name === delivery.replica);
    const survivor = replicas.find((r) => r.name !== delivery.replica);
    if (!victim || !survivor) throw new Error(`unknown sender ${delivery.replica}`);
    const victimWasLeader = (await leaseHolderPid(db.url)) === victim.pid;
    const killedAt = performance.now();
    victim.signal('SIGKILL');

    let newLeaderSeconds = NaN;
    const again = () => pagerDuty.deliveries.find((d) => d !== delivery && d.dedupKey === delivery.dedupKey && d.action === delivery.action);
    await until('the pending trigger to be sent again', async () => {
      if (Number.isNaN(newLeaderSeconds) && (await readyz(survivor)).role === 'leader') newLeaderSeconds = (performance.now() - killedAt) / 1000;
      return again() !== undefined;
    }, 120_000, 200);
    const resentSeconds = ((again() as Delivery).at - killedAt) / 1000;
    await until('the survivor to lead', async () => (await readyz(survivor)).role === 'leader', 60_000);
    if (Number.isNaN(newLeaderSeconds)) newLeaderSeconds = (performance.now() - killedAt) / 1000;
    await sleep(5000);

    const triggerDeliveries = pagerDuty.deliveries.filter((d) => d.dedupKey === delivery.dedupKey && d.action === 'trigger').length;
    const incidents = new Set(pagerDuty.fake.events.filter((e) => e.event_action === 'trigger').map((e) => e.dedup_key)).size;
    return { victimWasLeader, triggerDeliveries, incidents, newLeaderSeconds, resentSeconds };
  } finally {
    await stopAll(replicas);
    await pagerDuty.close();
    await db.drop();
  }
}
