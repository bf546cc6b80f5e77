/**
 * Collecting stays bounded whatever a cluster does, against real HTTP servers on 127.0.0.1: an endless answer
 * stops at the size cap with the connection closed; a hung cluster is stale by the evaluation deadline, also
 * across retries; close() and Collector.stop() return without waiting for hung requests.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collect, Collector } from '../../../src/service/collect/collector.js';
import { PrometheusClient, QueryError, type ClientConfig } from '../../../src/service/collect/prometheus-client.js';
import type { Slo } from '../../../src/core/model/slo.js';
import { catalogOf } from '../support/test-catalog.js';
import { emptyVector, endlessVector, hang, settlesWithin, startCluster, type MisbehavingCluster } from './misbehaving-cluster.js';

const slos = catalogOf([
  {
    service: 'shop',
    team: 'web',
    slos: { availability: { objective: 99.9, window: '7d', sli: { kind: 'ratio', errors: 'req_total{code="500"}', total: 'req_total' } } },
  },
]).slos as unknown as Slo[];
const range = () => 7 * 86_400;
const at = new Date();

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function cluster(handler: Parameters<typeof startCluster>[0]): Promise<MisbehavingCluster> {
  const server = await startCluster(handler);
  open.push(server);
  return server;
}

async function client(config: Partial<ClientConfig> & { name: string; url: string }): Promise<PrometheusClient> {
  const c = await PrometheusClient.create({ headers: {}, timeoutMs: 60_000, ...config });
  open.push(c);
  return c;
}

function queryError(promise: Promise<unknown>): Promise<QueryError> {
  return promise.then(
    () => {
      throw new Error('expected the query to fail');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(QueryError);
      return error as QueryError;
    },
  );
}

describe('response size cap', () => {
  it('stops reading an endless answer at the cap, closes the connection and names the cluster and cap', async () => {
    const server = await cluster(endlessVector);
    const eu = await client({ name: 'eu', url: server.url, maxResponseBytes: 256 * 1024 });
    const error = await queryError(settlesWithin(eu.query('up', at, { retries: 2, minBackoffMs: 1 })));
    expect(error.message).toBe('eu: response larger than the 256KiB cap (maxResponseBytes): stopped reading it');
    // Not retried: the same query would stream the same flood again.
    expect(server.requests).toHaveLength(1);
    await settlesWithin(server.requests[0]!.closed);
  });

  it('refuses an answer whose declared length is over the cap without reading it', async () => {
    const server = await cluster((_req, res) => {
      res.writeHead(200, { 'content-length': String(2 ** 30) });
      res.write('{"status":"success"');
    });
    const eu = await client({ name: 'eu', url: server.url, maxResponseBytes: 1024 * 1024 });
    const error = await queryError(settlesWithin(eu.query('up', at, { retries: 0 })));
    expect(error.message).toMatch(/^eu: response larger than the 1MiB cap/);
    await settlesWithin(server.requests[0]!.closed);
  });

  it('makes only the flooding cluster stale in an evaluation', async () => {
    const flood = await cluster(endlessVector);
    const fine = await cluster(emptyVector);
    const clients = [await client({ name: 'flood', url: flood.url, maxResponseBytes: 64 * 1024 }), await client({ name: 'fine', url: fine.url })];
    const result = await settlesWithin(collect(clients, slos, range, at, { batchSize: 100, concurrency: 4, retries: 1, deadlineMs: 30_000 }));
    expect(result.clusters.map((c) => [c.cluster, c.error])).toEqual([
      ['flood', 'flood: response larger than the 64KiB cap (maxResponseBytes): stopped reading it'],
      ['fine', undefined],
    ]);
  });
});

describe('evaluation deadline', () => {
  it('reports a hung cluster stale by the deadline while the others answer', async () => {
    const hung = await cluster(hang);
    const fine = await cluster(emptyVector);
    const clients = [await client({ name: 'hung', url: hung.url }), await client({ name: 'fine', url: fine.url })];
    const result = await settlesWithin(collect(clients, slos, range, at, { batchSize: 100, concurrency: 4, retries: 2, deadlineMs: 300 }));
    const [stale, ok] = result.clusters;
    expect(stale!.error).toMatch(/^hung: evaluation deadline of 300ms passed before the cluster answered \(\d+ of \d+ queries unanswered\)$/);
    expect(stale!.failedQueries).toBe(stale!.queries);
    expect(ok!.error).toBeUndefined();
    const obs = result.observations[0]!;
    expect(obs.clusters.map((c) => [c.cluster, c.status])).toEqual([
      ['hung', 'stale'],
      ['fine', 'ok'],
    ]);
    // The deadline aborted the requests themselves, not just the wait for them.
    await settlesWithin(Promise.all(hung.requests.map((r) => r.closed)));
  });

  it('stops retrying at the deadline', async () => {
    const hung = await cluster(hang);
    // Each attempt times out quickly, and there would be a thousand of them without the deadline.
    const slow = await client({ name: 'slow', url: hung.url, timeoutMs: 50 });
    const result = await settlesWithin(collect([slow], slos, range, at, { batchSize: 100, concurrency: 1, retries: 1000, minBackoffMs: 10, deadlineMs: 500 }));
    expect(result.clusters[0]!.error).toMatch(/^slow: evaluation deadline of 500ms passed/);
    const attempts = hung.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hung.requests.length).toBe(attempts);
  });
});

describe('shutdown', () => {
  it('close() ends a hung query at once and the query names the cluster', async () => {
    const hung = await cluster(hang);
    const eu = await client({ name: 'eu', url: hung.url });
    const query = queryError(eu.query('up', at, { retries: 3 }));
    const seen = await settlesWithin(hung.nextRequest());
    await settlesWithin(eu.close());
    expect((await settlesWithin(query)).message).toBe('eu: client closed: the service is shutting down');
    // Closing twice (Collector.stop(), then the service's own close) is harmless.
    await settlesWithin(eu.close());
    await settlesWithin(seen.closed);
  });

  it('Collector.stop() aborts the evaluation in flight, which rejects rather than saving a half-collected run', async () => {
    const hung = await cluster(hang);
    const eu = await client({ name: 'eu', url: hung.url });
    const collector = new Collector([eu], range, { batchSize: 100, concurrency: 4, retries: 2, deadlineMs: 3_600_000 });
    const running = collector.collect(slos, at);
    const outcome = running.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await settlesWithin(hung.nextRequest());
    await settlesWithin(collector.stop());
    expect(await settlesWithin(outcome)).toBe('collection stopped: the service is shutting down');
    await settlesWithin(Promise.all(hung.requests.map((r) => r.closed)));
    // A stopped collector does not start new queries.
    const count = hung.requests.length;
    await expect(settlesWithin(collector.collect(slos, at))).rejects.toThrow(/collection stopped/);
    expect(hung.requests.length).toBe(count);
  });
});
