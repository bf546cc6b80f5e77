/** Configuration enters once: YAML file + environment, validated with errors that name the field. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/service/config/load-config.js';
import { makeTempDir } from '../../support/temp-dir.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function file(text: string): Promise<string> {
  const temp = await makeTempDir();
  cleanup = temp.remove;
  const p = path.join(temp.dir, 'burnrate.yaml');
  await writeFile(p, text);
  return p;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads clusters, durations and defaults from the file', async () => {
    const p = await file(`
clusters:
  - name: eu-1
    url: http://mimir.example:8080/prometheus
    headers: { X-Scope-OrgID: team-a }
    bearerTokenFile: /var/run/token
evaluation: { interval: 30s }
retention: { raw: 2d }
`);
    const config = loadConfig({}, p);
    expect(config.clusters).toEqual([
      { name: 'eu-1', url: 'http://mimir.example:8080/prometheus', headers: { 'X-Scope-OrgID': 'team-a' }, bearerTokenFile: '/var/run/token', timeoutMs: 10_000, maxResponseBytes: 32 * 1024 * 1024 },
    ]);
    expect(config.evaluation.interval).toBe(30_000);
    expect(config.retention.raw).toBe(2 * 86_400_000);
    expect(config.server.port).toBe(8080);
    expect(config.catalog.path).toBe('alerts/catalog.json');
  });

  it('lets the environment override the file', async () => {
    const p = await file('server: { port: 9000 }\nstore: { sqlitePath: /tmp/a.db }\n');
    const config = loadConfig({ PORT: '7070', DATABASE_URL: 'postgres://x@127.0.0.1/db', BURNRATE_CATALOG: 'c.json' }, p);
    expect(config.server.port).toBe(7070);
    expect(config.store).toEqual({ sqlitePath: '/tmp/a.db', databaseUrl: 'postgres://x@127.0.0.1/db' });
    expect(config.catalog.path).toBe('c.json');
  });

  it('builds a single cluster from BURNRATE_PROMETHEUS_URL', () => {
    expect(loadConfig({ BURNRATE_PROMETHEUS_URL: 'http://127.0.0.1:9090' }, undefined).clusters[0]).toMatchObject({ name: 'default', url: 'http://127.0.0.1:9090' });
  });

  it('names every invalid field, with the file or variable it came from', async () => {
    const p = await file('clusters:\n  - { name: eu, url: prometheus:9090 }\n  - { name: eu, url: http://b }\nevaluation: { interval: soon }\ntypo: 1\n');
    const error = errorOf(() => loadConfig({ PORT: 'eighty' }, p));
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT \(server\.port\): .*number/),
        expect.stringMatching(new RegExp(`^config ${p}: clusters\\[0\\]\\.url: expected an http\\(s\\) URL`)),
        expect.stringMatching(/clusters: cluster names must be unique/),
        expect.stringMatching(/evaluation\.interval: expected a positive duration .*"soon"/),
        expect.stringMatching(/\(top level\): Unrecognized key: "typo"/),
      ]),
    );
  });

  it('refuses paging.resolveAfter and names the per-SLO hold that replaced it', async () => {
    const p = await file('clusters:\n  - { name: eu, url: http://a }\npaging: { resolveAfter: 10m }\n');
    const error = errorOf(() => loadConfig({}, p));
    expect(error.issues).toEqual([expect.stringMatching(/paging\.resolveAfter: is no longer read: .*alerting\.page\.keepFiringFor/)]);
  });

  it('bounds each evaluation by a deadline of 80% of the interval unless set', async () => {
    expect(loadConfig({}, undefined).evaluation.deadline).toBe(48_000);
    expect(loadConfig({ BURNRATE_EVALUATION_INTERVAL: '5m' }, undefined).evaluation.deadline).toBe(240_000);
    const p = await file('evaluation: { interval: 2m, deadline: 90s }\nclusters:\n  - { name: eu, url: http://a, maxResponseBytes: 1048576 }\n');
    const config = loadConfig({}, p);
    expect(config.evaluation.deadline).toBe(90_000);
    expect(config.clusters[0]!.maxResponseBytes).toBe(1_048_576);
  });

  it('refuses a deadline that is not shorter than the interval, and a cap that is not a positive byte count', async () => {
    const p = await file('evaluation: { interval: 60s, deadline: 60s }\nclusters:\n  - { name: eu, url: http://a, maxResponseBytes: 0 }\n');
    expect(errorOf(() => loadConfig({}, p)).issues).toEqual([
      expect.stringMatching(/clusters\[0\]\.maxResponseBytes: .*>0/),
      expect.stringMatching(/evaluation\.deadline: must be shorter than evaluation\.interval \(1m\), got 1m$/),
    ]);
    // The interval from the environment counts too: a deadline that fit the file's interval may not fit it.
    const q = await file('evaluation: { interval: 60s, deadline: 50s }\n');
    expect(errorOf(() => loadConfig({ BURNRATE_EVALUATION_INTERVAL: '30s' }, q)).issues).toEqual([
      expect.stringMatching(/evaluation\.deadline: must be shorter than evaluation\.interval \(30s\), got 50s$/),
    ]);
  });

  it('reports unreadable and malformed files', async () => {
    expect(errorOf(() => loadConfig({}, '/nonexistent/burnrate.yaml')).message).toMatch(/cannot read/);
    const p = await file('clusters: [\n');
    expect(errorOf(() => loadConfig({}, p)).message).toMatch(/invalid YAML/);
  });
});
