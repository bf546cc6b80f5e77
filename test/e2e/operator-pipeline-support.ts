/**
 * The pieces of the operator pipeline test: the chart packaged with a test set of definitions, the files
 * prometheus-operator renders, and Prometheus 3 / Alertmanager 0.35 processes that load those files.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runCli, REPO_ROOT } from '../support/cli.js';
import { getObject } from '../support/kubectl.js';
import { freePort } from '../support/ports.js';
import { startProcess, waitFor, type RunningProcess } from '../support/processes.js';
import { stackTool } from '../support/stack-tools.js';

const CHART = path.join(REPO_ROOT, 'charts/burnrate');

/**
 * charts/burnrate with its files/ generated from `definitionsDir`, as the chart is packaged after
 * `burnrate generate` (files/alerts and files/dashboards are links to the repository's generated files).
 */
export async function chartWithDefinitions(definitionsDir: string, dir: string): Promise<string> {
  const generated = path.join(dir, 'generated');
  const result = await runCli(['generate', definitionsDir, '--out', generated]);
  if (result.code !== 0) throw new Error(`burnrate generate failed: ${result.stderr}`);
  const chart = path.join(dir, 'burnrate');
  const files = path.join(CHART, 'files');
  await cp(CHART, chart, { recursive: true, filter: (source) => source !== files });
  await cp(path.join(generated, 'alerts'), path.join(chart, 'files/alerts'), { recursive: true });
  await cp(path.join(generated, 'dashboards'), path.join(chart, 'files/dashboards'), { recursive: true });
  return chart;
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
