/**
 * Failover: two replicas (processes) on one PostgreSQL database, evaluating every 5 s with the default
 * lease (ttl 15 s, renewed every 5 s). The leader (from /readyz role) is SIGKILLed and started again at
 * once; the seconds until another replica's /readyz says leader, and until it serves an evaluation of its
 * own (evaluatedAt after the kill: the dead leader cannot have stored it). Then the new leader is stopped
 * with SIGTERM, which hands the lease over: the same two times for a graceful handover.
 */
import path from 'node:path';
import { emptyVector, startCluster } from '../../test/service/collect/misbehaving-cluster.js';
import { catalogOf, writeCatalog } from '../../test/service/support/test-catalog.js';
import { createDatabase, readyz, startServe, stopAll, until, type Launcher, type ServeProcess } from './support.js';

export interface FailoverResult {
  killLeaderSeconds: number;
  killEvaluationSeconds: number;
  termLeaderSeconds: number;
  termEvaluationSeconds: number;
}

const catalog = catalogOf([
  {
    service: 'shop',
    team: 'web',
    slos: { availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'req_total{code="500"}', total: 'req_total' } } },
  },
]);

/**
 * Seconds from `since` (performance.now()) until one of `replicas` leads, and until it serves an evaluation
 * made after `wallSince` (Date.now()); returns that replica too.
 */
async function takeover(replicas: () => ServeProcess[], since: number, wallSince: number): Promise<{ leader: number; evaluation: number; serve: ServeProcess }> {
  let leader = NaN;
  let serve: ServeProcess | undefined;
  await until('another replica to lead and evaluate', async () => {
    for (const candidate of replicas()) {
      const r = await readyz(candidate);
      if (r.role !== 'leader') continue;
      if (Number.isNaN(leader)) leader = (performance.now() - since) / 1000;
      if ((r.evaluatedAt ?? 0) > wallSince) {
        serve = candidate;
        return true;
      }
    }
    return false;
  }, 90_000, 50);
  return { leader, evaluation: (performance.now() - since) / 1000, serve: serve as ServeProcess };
}

export async function runFailover(launcher: Launcher, dir: string): Promise<FailoverResult> {
  const catalogFile = path.join(dir, 'catalog.json');
  await writeCatalog(catalogFile, catalog);
  const cluster = await startCluster(emptyVector);
  const db = await createDatabase();
  const replicas: ServeProcess[] = [];
  const live = () => replicas.filter((r) => r.running());
  try {
    const config = {
      catalog: { path: catalogFile, watch: false },
      clusters: [{ name: 'eu', url: cluster.url }],
      evaluation: { interval: '5s' },
      store: { databaseUrl: db.url },
      log: { level: 'info' },
    };
    const start = async (name: string) => {
      const serve = await startServe(launcher, { name, dir, config });
      replicas.push(serve);
      return serve;
    };
    const roles = async () => Promise.all(live().map(async (r) => ({ serve: r, role: (await readyz(r)).role })));
    await Promise.all([start('a'), start('b')]);
    await until('one leader and one standby', async () => (await roles()).map((r) => r.role).sort().join() === 'leader,standby', 60_000);
    const leader = (await roles()).find((r) => r.role === 'leader')?.serve as ServeProcess;

    const killedAt = performance.now();
    const killedWall = Date.now();
    leader.signal('SIGKILL');
    // Restarted at once, as Kubernetes restarts a killed container; it may win the lease as well.
    const restarted = start(`${leader.name}2`);
    const killed = await takeover(live, killedAt, killedWall);
    await restarted;

    await until('a standby beside the new leader', async () => (await roles()).some((r) => r.serve !== killed.serve && r.role === 'standby'), 60_000);
    const termAt = performance.now();
    const termWall = Date.now();
    killed.serve.signal('SIGTERM');
    const term = await takeover(() => live().filter((r) => r !== killed.serve), termAt, termWall);
    return { killLeaderSeconds: killed.leader, killEvaluationSeconds: killed.evaluation, termLeaderSeconds: term.leader, termEvaluationSeconds: term.evaluation };
  } finally {
    await stopAll(replicas);
    await cluster.close();
    await db.drop();
  }
}
