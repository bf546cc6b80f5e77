/**
 * Both replicas of an HA pair listed as two clusters, through the real service: besides the warning line, the
 * operator sees it in /readyz (`clusterWarnings`), on /metrics (`burnrate_cluster_duplicate`) and on the status
 * page, and a cluster that is not duplicated reads 0. The Prometheus servers are a small fake answering their
 * external labels and empty query results; test/e2e/thanos-query.test.ts runs the same against real Prometheus.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/service-harness.js';
import { catalogOf } from '../support/test-catalog.js';

const catalog = catalogOf([{ service: 'shop', team: 'web', slos: { availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'e_total', total: 't_total' } } } }]);
/** External labels by path prefix. */
const EXTERNAL_LABELS: Record<string, string> = {
  'eu-a': 'global:\n  external_labels:\n    cluster: eu\n    replica: a\n',
  'eu-b': 'global:\n  external_labels:\n    cluster: eu\n    replica: b\n',
  us: 'global:\n  external_labels:\n    cluster: us\n',
};
const MESSAGE =
  'clusters eu-a and eu-b look like replicas of one HA pair (external labels differ only in replica): their counts would be doubled; point Burnrate at Thanos Query or list one replica';

let server: http.Server;
let h: Harness;
const lines: { msg: string; check?: string; clusters?: string[] }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      const [prefix, ...rest] = (new URL(req.url ?? '/', 'http://x').pathname.split('/').slice(1));
      if (rest.join('/') === 'api/v1/status/config') {
        res.end(JSON.stringify({ status: 'success', data: { yaml: EXTERNAL_LABELS[prefix ?? ''] ?? '' } }));
        return;
      }
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]), done()) }));
  h = await startHarness(
    catalog,
    {
      clusters: [
        { name: 'eu-a', url: `${base}/eu-a` },
        { name: 'eu-b', url: `${base}/eu-b` },
        { name: 'us', url: `${base}/us` },
      ],
      evaluation: { retries: 0 },
    },
    { logger },
  );
  await h.service.evaluator.evaluate();
});

afterAll(async () => {
  await h?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

describe('an HA pair listed as two clusters', () => {
  it('is logged once, naming both clusters', () => {
    expect(lines.filter((l) => l.check === 'ha-replicas')).toEqual([expect.objectContaining({ msg: MESSAGE, clusters: ['eu-a', 'eu-b'] })]);
  });

  it('is reported in /readyz, which stays ready', async () => {
    const ready = await h.service.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect((ready.json() as { clusterWarnings: unknown }).clusterWarnings).toEqual([{ clusters: ['eu-a', 'eu-b'], message: MESSAGE }]);
  });

  it('sets burnrate_cluster_duplicate to 1 for both replicas and 0 for the other cluster', async () => {
    const metrics = (await h.service.app.inject({ url: '/metrics' })).body;
    expect(metrics).toContain('# TYPE burnrate_cluster_duplicate gauge');
    expect(metrics).toContain('burnrate_cluster_duplicate{cluster="eu-a"} 1');
    expect(metrics).toContain('burnrate_cluster_duplicate{cluster="eu-b"} 1');
    expect(metrics).toContain('burnrate_cluster_duplicate{cluster="us"} 0');
  });

  it('shows on the status page', async () => {
    const page = (await h.service.app.inject({ url: '/status' })).body;
    expect(page).toContain('<div class="problems" id="problems" role="alert">');
    expect(page).toContain(`<li class="cluster-warning" data-clusters="eu-a eu-b">${MESSAGE}</li>`);
  });

  it('keeps every evaluation flagged, not only the first', async () => {
    await h.service.evaluator.evaluate();
    expect(((await h.service.app.inject({ url: '/readyz' })).json() as { clusterWarnings: unknown[] }).clusterWarnings).toHaveLength(1);
    expect(lines.filter((l) => l.check === 'ha-replicas')).toHaveLength(1);
  });
});
