/**
 * One endpoint in front of many clusters (Thanos Query): answers are split by `clusterLabel`, a warning
 * (partial response) makes the clusters it names stale (all of them when it names none), an expected cluster
 * missing from the answers is reported rather than left out; two clusters whose external labels differ only
 * in a replica label are flagged. The real Thanos runs in test/e2e/thanos-query.test.ts; here a small fake
 * answers exactly what each case needs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildObservations } from '../../../src/service/collect/build-observations.js';
import { collectEndpoint, type CollectTarget } from '../../../src/service/collect/cluster-collector.js';
import { clustersNamedIn } from '../../../src/service/collect/cluster-split.js';
import { detectReplicaClusters, replicaWarnings } from '../../../src/service/collect/ha-replicas.js';
import { PrometheusClient, type ClientConfig } from '../../../src/service/collect/prometheus-client.js';
import { clusterSchema } from '../../../src/service/config/config-schema.js';

interface FakeAnswer {
  series: { cluster?: string; good: number; total: number }[];
  warnings?: string[];
}

let answer: FakeAnswer = { series: [] };
let configs: Record<string, string> = {};
let server: http.Server;
let base: string;
const clients: PrometheusClient[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.endsWith('/api/v1/status/config')) {
        const yaml = configs[url.pathname.split('/')[1] ?? ''];
        res.statusCode = yaml === undefined ? 404 : 200;
        res.end(JSON.stringify(yaml === undefined ? { status: 'error', error: 'not found' } : { status: 'success', data: { yaml } }));
        return;
      }
      if (url.pathname === '/api/v1/stores') {
        res.end(JSON.stringify({ status: 'success', data: { sidecar: [
          { name: '127.0.0.1:10901', labelSets: [{ cluster: 'eu', replica: 'a' }] },
          { name: '127.0.0.1:10903', labelSets: [{ cluster: 'us' }], lastError: 'connection refused' },
        ] } }));
        return;
      }
      const query = new URLSearchParams(body).get('query') ?? '';
      const metric = query.includes('good') ? 'good' : 'total';
      const whole = query.startsWith('avg_over_time');
      const result = answer.series.flatMap((s) =>
        (whole ? ['5m'] : ['5m', '1h']).map((window) => ({
          metric: { slo: 's1', window, ...(s.cluster ? { cluster: s.cluster } : {}) },
          value: [0, String(s[metric])],
        })),
      );
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result }, ...(answer.warnings ? { warnings: answer.warnings } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function client(config: Partial<ClientConfig> & { name: string }): Promise<PrometheusClient> {
  const c = await PrometheusClient.create({ url: base, headers: {}, timeoutMs: 2000, ...config });
  clients.push(c);
  return c;
}

const targets: CollectTarget[] = [{ id: 's1', groupBy: [], rangeSeconds: 3600 }];
const options = { batchSize: 10, concurrency: 2, retries: 0 };
const at = new Date();

async function perCluster(c: PrometheusClient) {
  const outcomes = await collectEndpoint(c, targets, at, options);
  const [whole] = buildObservations(targets, outcomes);
  return Object.fromEntries(whole!.clusters.map((k) => [k.cluster, k.status === 'ok' ? k.window : { stale: k.error }]));
}

describe('clusterLabel: one endpoint, many clusters', () => {
  it('splits the answers by the label into one cluster each', async () => {
    answer = { series: [{ cluster: 'eu', good: 90, total: 100 }, { cluster: 'us', good: 40, total: 50 }] };
    expect(await perCluster(await client({ name: 'thanos', clusterLabel: 'cluster' }))).toEqual({
      eu: { good: 90, total: 100 },
      us: { good: 40, total: 50 },
    });
  });

  it('without clusterLabel adds everything up under the endpoint', async () => {
    answer = { series: [{ cluster: 'eu', good: 90, total: 100 }, { cluster: 'us', good: 40, total: 50 }] };
    expect(await perCluster(await client({ name: 'thanos' }))).toEqual({ thanos: { good: 130, total: 150 } });
  });

  it('reports an expected cluster that is missing from every answer (never zero)', async () => {
    answer = { series: [{ cluster: 'eu', good: 90, total: 100 }] };
    const c = await client({ name: 'thanos', clusterLabel: 'cluster', expectedClusters: ['eu', 'us'] });
    const outcomes = await collectEndpoint(c, targets, at, options);
    const [whole] = buildObservations(targets, outcomes);
    expect(whole!.clusters.map((k) => [k.cluster, k.status, k.window ?? k.error])).toEqual([
      ['eu', 'ok', { good: 90, total: 100 }],
      ['us', 'stale', 'us: no series in any answer of thanos (expected cluster="us"): its Prometheus or Thanos store is not answering'],
    ]);
  });

  it('a warning naming a cluster makes that cluster stale, the others count', async () => {
    const warning = 'fetching series: receive series from Addr: 127.0.0.1:10901 LabelSets: {cluster="us"} Mint: 0 Maxt: 1: rpc error: code = Unavailable';
    answer = { series: [{ cluster: 'eu', good: 90, total: 100 }], warnings: [warning] };
    const result = await perCluster(await client({ name: 'thanos', clusterLabel: 'cluster', expectedClusters: ['eu', 'us'] }));
    expect(result.eu).toEqual({ good: 90, total: 100 });
    expect(result.us).toEqual({ stale: expect.stringMatching(/^us: partial response from thanos: fetching series: .*cluster="us"/) });
  });

  it('a warning naming a store by address makes the cluster of that store stale (Thanos /api/v1/stores)', async () => {
    const warning = 'receive series from Addr: 127.0.0.1:10903 MinTime: -62167219200000 MaxTime: 9223372036854775807: rpc error: code = Unavailable';
    answer = { series: [{ cluster: 'eu', good: 90, total: 100 }], warnings: [warning] };
    const result = await perCluster(await client({ name: 'thanos', clusterLabel: 'cluster', expectedClusters: ['eu', 'us'] }));
    expect(result.eu).toEqual({ good: 90, total: 100 });
    expect(result.us).toEqual({ stale: expect.stringMatching(/^us: partial response from thanos: receive series from Addr: 127\.0\.0\.1:10903 /) });
  });

  it('a warning that names no cluster makes every cluster of the endpoint stale', async () => {
    answer = { series: [{ cluster: 'eu', good: 90, total: 100 }], warnings: ['some store did not answer'] };
    expect(await perCluster(await client({ name: 'thanos', clusterLabel: 'cluster', expectedClusters: ['eu', 'us'] }))).toEqual({
      eu: { stale: 'eu: partial response from thanos: some store did not answer' },
      us: { stale: 'us: partial response from thanos: some store did not answer' },
    });
    expect(await perCluster(await client({ name: 'single' }))).toEqual({ single: { stale: 'single: partial response from single: some store did not answer' } });
  });

  it('finds cluster names in the spellings Thanos uses', () => {
    const split = { label: 'cluster', expected: [] };
    expect(clustersNamedIn('LabelSets: {cluster="us", replica="a"}', split, ['eu', 'us'])).toEqual(['us']);
    expect(clustersNamedIn('LabelSets: [name:"cluster" value:"eu" ]', split, ['eu', 'us'])).toEqual(['eu']);
    expect(clustersNamedIn('subcluster="eu"', split, ['eu'])).toEqual([]);
  });

  it('validates the options', () => {
    expect(clusterSchema.safeParse({ name: 't', url: 'http://t', expectedClusters: ['eu'] }).success).toBe(false);
    expect(clusterSchema.safeParse({ name: 't', url: 'http://t', clusterLabel: 'clu ster' }).success).toBe(false);
    expect(clusterSchema.parse({ name: 't', url: 'http://t', clusterLabel: 'cluster', expectedClusters: ['eu'] })).toMatchObject({ clusterLabel: 'cluster' });
  });
});

describe('HA replicas listed as two clusters', () => {
  it('flags labels that differ only in a replica label, and identical labels', () => {
    expect(
      replicaWarnings([
        { name: 'eu-a', labels: { cluster: 'eu', replica: 'a' } },
        { name: 'eu-b', labels: { cluster: 'eu', replica: 'b' } },
        { name: 'us', labels: { cluster: 'us', replica: 'a' } },
        { name: 'unknown', labels: undefined },
      ]),
    ).toEqual([
      'clusters eu-a and eu-b look like replicas of one HA pair (external labels differ only in replica): their counts would be doubled; point Burnrate at Thanos Query or list one replica',
    ]);
    expect(replicaWarnings([{ name: 'x', labels: { cluster: 'eu' } }, { name: 'y', labels: { cluster: 'eu' } }])).toEqual([
      'clusters x and y have the same external labels {cluster="eu"}: they look like one Prometheus listed twice, and its counts would be doubled; list it once',
    ]);
  });

  it('reads external labels from /api/v1/status/config, skipping clusters that do not serve it', async () => {
    configs = {
      a: 'global:\n  external_labels:\n    cluster: eu\n    prometheus_replica: prometheus-0\n',
      b: 'global:\n  external_labels:\n    cluster: eu\n    prometheus_replica: prometheus-1\n',
      c: 'global:\n  scrape_interval: 1m\n',
    };
    const clusters = await Promise.all([
      client({ name: 'eu-a', url: `${base}/a` }),
      client({ name: 'eu-b', url: `${base}/b` }),
      client({ name: 'plain', url: `${base}/c` }),
      client({ name: 'thanos', url: `${base}/missing` }),
    ]);
    expect(await detectReplicaClusters(clusters)).toEqual([expect.stringMatching(/^clusters eu-a and eu-b look like replicas of one HA pair \(external labels differ only in prometheus_replica\)/)]);
  });
});
