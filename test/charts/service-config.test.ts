/** What the chart hands the service must be a configuration the service itself accepts. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/service/config/load-config.js';
import { REPO_ROOT } from '../support/cli.js';
import { renderChart, type K8sObject } from '../support/helm.js';

const CHART = path.join(REPO_ROOT, 'charts/burnrate');
const VALUES_DIR = path.join(import.meta.dirname, 'values');
const scenarios = [[], ...readdirSync(VALUES_DIR).map((f) => [path.join(VALUES_DIR, f)])];

function containerEnv(objects: K8sObject[]): Record<string, string> {
  const deployment = objects.find((o) => o.kind === 'Deployment') as any;
  const env: Record<string, string> = {};
  for (const entry of deployment.spec.template.spec.containers[0].env) {
    env[entry.name] = entry.value ?? (entry.valueFrom ? 'postgres://burnrate:secret@db:5432/burnrate' : '');
  }
  return env;
}

describe('chart → service configuration', () => {
  for (const values of scenarios) {
    it(`is accepted by the service for ${values.length ? path.basename(values[0] ?? '') : 'default values'}`, () => {
      const objects = renderChart(CHART, { values });
      const configMap = objects.find((o) => o.kind === 'ConfigMap' && (o.data as Record<string, string>)?.['config.yaml']);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'burnrate-chart-config-'));
      const file = path.join(dir, 'config.yaml');
      writeFileSync(file, (configMap?.data as Record<string, string>)['config.yaml'] ?? '');
      const env = containerEnv(objects);
      const config = loadConfig({ ...env, BURNRATE_CONFIG: file });
      expect(config.server.port).toBe(8080);
      // No catalog packaged: discovered from ConfigMaps, or read from the user's ConfigMaps mounted as a directory.
      expect(env.BURNRATE_CATALOG).toBeUndefined();
      if (path.basename(values[0] ?? '') === 'catalog-configmaps.yaml') {
        expect(config.catalog).toMatchObject({ directory: '/etc/burnrate-catalogs', kubernetes: { enabled: false } });
      } else {
        expect(config.catalog.directory).toBeUndefined();
        expect(config.catalog.kubernetes).toMatchObject({ enabled: true });
      }
      expect(config.clusters.length).toBeGreaterThan(0);
      if (env.DATABASE_URL) expect(config.store.databaseUrl).toMatch(/^postgres:/);
      else expect(config.store.sqlitePath).toBe('/var/lib/burnrate/burnrate.db');
    });
  }

  it('points paging at the mounted routing-key Secrets of each team', () => {
    const objects = renderChart(CHART, { values: [path.join(VALUES_DIR, 'paging.yaml')] });
    const configMap = objects.find((o) => o.kind === 'ConfigMap' && (o.data as Record<string, string>)?.['config.yaml']);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'burnrate-chart-config-'));
    const file = path.join(dir, 'config.yaml');
    writeFileSync(file, (configMap?.data as Record<string, string>)['config.yaml'] ?? '');
    const config = loadConfig({ ...containerEnv(objects), BURNRATE_CONFIG: file });
    expect(config.paging.enabled).toBe(true);
    const pod = (objects.find((o) => o.kind === 'Deployment') as any).spec.template.spec;
    const mounts = new Map<string, string>(pod.containers[0].volumeMounts.map((m: any) => [m.name, m.mountPath]));
    const secrets = new Map<string, string>(pod.volumes.filter((v: any) => v.secret).map((v: any) => [v.secret.secretName, v.name]));
    for (const [team, secret] of [['payments', 'burnrate-pagerduty-payments'], ['discovery', 'burnrate-pagerduty-discovery']]) {
      const keyFile = (config.paging.routingKeys[team as string] as { file: string }).file;
      const volume = secrets.get(secret as string) ?? '';
      expect(keyFile).toBe(`${mounts.get(volume)}/routing-key-page`);
    }
  });
});
