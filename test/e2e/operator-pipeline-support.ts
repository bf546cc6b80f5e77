/**
 * The pieces of the operator pipeline test: a team's bundle generated from a test set of definitions (with a
 * kustomize overlay of its own), the files prometheus-operator renders, and Prometheus 3 / Alertmanager 0.35
 * processes that load those files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { runCli } from '../support/cli.js';
import { getObject } from '../support/kubectl.js';
import { freePort } from '../support/ports.js';
import { startProcess, waitFor, type RunningProcess } from '../support/processes.js';
import { stackTool } from '../support/stack-tools.js';

/**
 * The GitOps bundle of `service` generated from `definitionsDir` (`burnrate generate --bundle bundles
 * --alertmanager-config`, into `dir/generated`), under a team's overlay (`dir/overlay`) that patches the generated
 * AlertmanagerConfig's route with `routeTimings`, the way a team adjusts a bundle without editing generated files.
 * Returns the overlay directory, for `kubectl apply -k`.
 */
export async function bundleWithDefinitions(definitionsDir: string, dir: string, service: string, routeTimings: Record<string, string>): Promise<string> {
  const generated = path.join(dir, 'generated');
  const result = await runCli(['generate', definitionsDir, '--out', generated, '--bundle', 'bundles', '--alertmanager-config']);
  if (result.code !== 0) throw new Error(`burnrate generate failed: ${result.stderr}`);
  const overlay = path.join(dir, 'overlay');
  await mkdir(overlay, { recursive: true });
  const patch = { apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'AlertmanagerConfig', metadata: { name: `burnrate-${service}` }, spec: { route: routeTimings } };
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [path.relative(overlay, path.join(generated, 'bundles', service))],
    patches: [{ target: { kind: 'AlertmanagerConfig', name: `burnrate-${service}` }, patch: stringify(patch) }],
  };
  await writeFile(path.join(overlay, 'kustomization.yaml'), stringify(kustomization));
  return overlay;
}

/** The operator's rule files for a Prometheus object: the ConfigMap prometheus-<name>-rulefiles-0. */
export async function operatorRuleFiles(kubeconfig: string, namespace: string, prometheus: string): Promise<Record<string, string>> {
  const configMap = await getObject(kubeconfig, ['configmap', `prometheus-${prometheus}-rulefiles-0`, '-n', namespace]);
  return (configMap?.data as Record<string, string> | undefined) ?? {};
}

/** The operator's Alertmanager config: alertmanager.yaml.gz of the Secret alertmanager-<name>-generated. */
export async function operatorAlertmanagerConfig(kubeconfig: string, namespace: string, alertmanager: string): Promise<string | undefined> {
  const secret = await getObject(kubeconfig, ['secret', `alertmanager-${alertmanager}-generated`, '-n', namespace]);
  const gzipped = (secret?.data as Record<string, string> | undefined)?.['alertmanager.yaml.gz'];
  return gzipped === undefined ? undefined : gunzipSync(Buffer.from(gzipped, 'base64')).toString('utf8');
}

export interface Server {
  url: string;
  process: RunningProcess;
}

export async function startAlertmanager35(configFile: string, dir: string): Promise<Server> {
  const port = await freePort();
  const storage = path.join(dir, 'alertmanager-data');
  await mkdir(storage, { recursive: true });
  const process = startProcess(stackTool('alertmanager', 'alertmanager'), [
    `--config.file=${configFile}`,
    `--storage.path=${storage}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('alertmanager ready', async () => (await fetch(`${url}/-/ready`)).ok, 60_000, process.output);
  return { url, process };
}

/** Prometheus 3 scraping `target` every second and evaluating `ruleFiles` every second, alerting `alertmanager`. */
export async function startPrometheus3(dir: string, options: { ruleFiles: string; target: string; alertmanager: string }): Promise<Server> {
  const port = await freePort();
  const config = path.join(dir, 'prometheus.yml');
  await writeFile(
    config,
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: ["${options.ruleFiles}"]`,
      `alerting: { alertmanagers: [{ static_configs: [{ targets: ["${new URL(options.alertmanager).host}"] }] }] }`,
      `scrape_configs: [{ job_name: orders, static_configs: [{ targets: ["${options.target}"] }] }]`,
      '',
    ].join('\n'),
  );
  const process = startProcess(stackTool('prometheus', 'prometheus'), [
    `--config.file=${config}`,
    `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('prometheus ready', async () => (await fetch(`${url}/-/ready`)).ok, 60_000, process.output);
  return { url, process };
}
