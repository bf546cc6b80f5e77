/**
 * The umbrella chart's own templates and value wiring. Its remote subcharts cannot be fetched here, so
 * the test builds minimal stand-ins inside a temporary copy: each renders the values it receives, which
 * is exactly what the umbrella controls. Users run `helm dependency update` to fetch the real ones.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import { helm, KUBE_VERSION, renderChart, type K8sObject } from '../support/helm.js';
import { makeTempDir } from '../support/temp-dir.js';

const STACK = path.join(REPO_ROOT, 'charts/burnrate-stack');
let chart = '';
let remove: () => Promise<void> = async () => {};

interface Dependency {
  name: string;
  version: string;
  repository: string;
}

function writeStandIn(chartsDir: string, dependency: Dependency): void {
  const dir = path.join(chartsDir, dependency.name);
  mkdirSync(path.join(dir, 'templates'), { recursive: true });
  writeFileSync(path.join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${dependency.name}\nversion: ${dependency.version}\n`);
  writeFileSync(
    path.join(dir, 'templates', 'received-values.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: standin-${dependency.name}\ndata:\n  values.json: {{ toJson .Values | quote }}\n`,
  );
}

function received(objects: K8sObject[], name: string): Record<string, any> | undefined {
  const standIn = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === `standin-${name}`);
  return standIn ? JSON.parse((standIn.data as Record<string, string>)['values.json'] ?? '{}') : undefined;
}

beforeAll(async () => {
  const temp = await makeTempDir('burnrate-stack-');
  remove = temp.remove;
  chart = path.join(temp.dir, 'burnrate-stack');
  cpSync(STACK, chart, { recursive: true });
  const chartsDir = path.join(chart, 'charts');
  mkdirSync(chartsDir, { recursive: true });
  const { dependencies } = parse(readFileSync(path.join(STACK, 'Chart.yaml'), 'utf8')) as { dependencies: Dependency[] };
  for (const dependency of dependencies) {
    if (dependency.repository.startsWith('file://')) {
      // What `helm dependency build` does for a local chart: copy it.
      cpSync(path.resolve(STACK, dependency.repository.slice('file://'.length)), path.join(chartsDir, dependency.name), { recursive: true });
    } else {
      writeStandIn(chartsDir, dependency);
    }
  }
});

afterAll(() => remove());

describe('charts/burnrate-stack', () => {
  it('pins every remote dependency to an exact version behind a condition flag', () => {
    const { dependencies } = parse(readFileSync(path.join(STACK, 'Chart.yaml'), 'utf8')) as { dependencies: (Dependency & { condition: string })[] };
    expect(dependencies.map((d) => d.name).sort()).toEqual(['burnrate', 'jaeger', 'kube-prometheus-stack', 'loki']);
    for (const dependency of dependencies) {
      expect(dependency.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(dependency.condition).toBe(`${dependency.name}.enabled`);
    }
  });

  it('passes helm lint --strict', () => {
    const result = helm(['lint', '--strict', '--kube-version', KUBE_VERSION, chart]);
    expect(result.stdout).toContain('0 chart(s) failed');
    expect(result.code).toBe(0);
  });

  it('points Burnrate at the in-cluster Prometheus and lets Jaeger send it spans', () => {
    const objects = renderChart(chart);
    const config = objects.find((o) => o.kind === 'ConfigMap' && (o.data as Record<string, string>)?.['config.yaml']);
    const clusters = (parse((config?.data as Record<string, string>)['config.yaml'] ?? '') as { clusters: { url: string }[] }).clusters;
    expect(clusters.map((c) => c.url)).toEqual(['http://prometheus-operated:9090']);
    const policy = objects.find((o) => o.kind === 'NetworkPolicy')?.spec as { ingress: { from: any[]; ports: { port: string }[] }[] };
    const fromJaeger = policy.ingress.filter((rule) => JSON.stringify(rule.from).includes('"jaeger"'));
    expect(fromJaeger.map((rule) => rule.from)).toEqual([[{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'jaeger' } } }]]);
    expect(fromJaeger[0]?.ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
  });

  it("forwards Jaeger's traces pipeline to Burnrate's OTLP service and port", () => {
    const objects = renderChart(chart);
    const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'burnrate')?.spec as { ports: { name: string; port: number }[] };
    const otlpPort = service.ports.find((p) => p.name === 'otlp-http')?.port;
    const jaeger = received(objects, 'jaeger')?.config;
    expect(jaeger.exporters['otlphttp/burnrate'].endpoint).toBe(`http://burnrate:${otlpPort}`);
    expect(jaeger.service.pipelines.traces.exporters).toContain('otlphttp/burnrate');
    expect(jaeger.service.pipelines.traces.exporters).toContain('jaeger_storage_exporter');
  });

  it('wires Grafana datasources with trace-to-logs and logs-to-trace links, and selects Burnrate rules and dashboards', () => {
    const objects = renderChart(chart);
    const kps = received(objects, 'kube-prometheus-stack');
    const sources = kps?.grafana.additionalDataSources as { uid: string; type: string; url: string; jsonData: any }[];
    const loki = sources.find((s) => s.type === 'loki');
    const jaeger = sources.find((s) => s.type === 'jaeger');
    expect(jaeger?.jsonData.tracesToLogsV2.datasourceUid).toBe(loki?.uid);
    expect(loki?.jsonData.derivedFields[0].datasourceUid).toBe(jaeger?.uid);
    expect(loki?.url).toBe(`http://${received(objects, 'loki')?.fullnameOverride}:3100`);
    expect(kps?.prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues).toBe(false);
    // The dashboards arrive in bundles (the example bundle as any team's): the sidecar must pick them up everywhere.
    expect(kps?.grafana.sidecar.dashboards.searchNamespace).toBe('ALL');
    const bundle = path.join(REPO_ROOT, 'deploy/example-bundle');
    const boards = readdirSync(bundle, { recursive: true, encoding: 'utf8' }).filter((f) => /dashboard-.*\.configmap\.yaml$/.test(f));
    expect(boards.length).toBeGreaterThan(0);
    for (const board of boards) {
      const labels = (parse(readFileSync(path.join(bundle, board), 'utf8')) as { metadata: { labels: Record<string, string> } }).metadata.labels;
      expect(labels[kps?.grafana.sidecar.dashboards.label], board).toBe(kps?.grafana.sidecar.dashboards.labelValue);
    }
  });

  it('installs Burnrate as the service only, discovering the bundles\' catalogs in every namespace', () => {
    const objects = renderChart(chart);
    expect(objects.filter((o) => ['PrometheusRule', 'AlertmanagerConfig'].includes(o.kind))).toEqual([]);
    expect(objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard)).toEqual([]);
    const config = objects.find((o) => o.kind === 'ConfigMap' && (o.data as Record<string, string>)?.['config.yaml']);
    expect((parse((config?.data as Record<string, string>)['config.yaml'] ?? '') as { catalog: unknown }).catalog).toEqual({ kubernetes: { enabled: true, namespaces: [] } });
    expect(objects.filter((o) => o.kind.startsWith('ClusterRole')).map((o) => o.metadata.name)).toEqual(['slo-burnrate-catalogs', 'slo-burnrate-catalogs']);
  });

  it('runs Loki as a single binary on a filesystem', () => {
    const loki = received(renderChart(chart), 'loki');
    expect(loki?.deploymentMode).toBe('SingleBinary');
    expect(loki?.loki.storage.type).toBe('filesystem');
    expect(loki?.singleBinary.replicas).toBe(1);
  });

  it('leaves out a component whose condition flag is off', () => {
    const objects = renderChart(chart, { set: ['loki.enabled=false', 'jaeger.enabled=false'] });
    expect(received(objects, 'loki')).toBeUndefined();
    expect(received(objects, 'jaeger')).toBeUndefined();
    expect(received(objects, 'kube-prometheus-stack')).toBeDefined();
  });
});
