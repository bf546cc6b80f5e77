/**
 * A real Alertmanager (Debian package prometheus-alertmanager 0.25, binary `prometheus-alertmanager`) on a
 * free 127.0.0.1 port, clustering off, its storage in a temp dir; and amtool against config files.
 */
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './ports.js';
import { startProcess, waitFor, type RunningProcess } from './processes.js';

export const ALERTMANAGER_BINARY = 'prometheus-alertmanager';

export interface AlertmanagerServer {
  url: string;
  process: RunningProcess;
  stop: () => Promise<void>;
}

export async function startAlertmanager(configFile: string, dir: string): Promise<AlertmanagerServer> {
  const port = await freePort();
  const storage = path.join(dir, 'alertmanager-data');
  await mkdir(storage, { recursive: true });
  const process = startProcess(ALERTMANAGER_BINARY, [
    `--config.file=${configFile}`,
    `--storage.path=${storage}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('alertmanager ready', async () => (await fetch(`${url}/-/ready`)).ok, 60_000, process.output);
  return { url, process, stop: process.stop };
}

export function amtool(args: readonly string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('amtool', [...args], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The receivers `amtool config routes test` resolves for a label set. */
export function routeFor(configFile: string, labels: Record<string, string>): { code: number; receivers: string } {
  const args = ['config', 'routes', 'test', `--config.file=${configFile}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];
  const result = amtool(args);
  return { code: result.code, receivers: result.stdout.trim() };
}

export interface AlertInput {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Posts alerts through the API v2, as Prometheus does. */
export async function postAlerts(url: string, alerts: readonly AlertInput[]): Promise<void> {
  const response = await fetch(`${url}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts.map((a) => ({ labels: a.labels, annotations: a.annotations ?? {}, startsAt: new Date().toISOString() }))),
  });
  if (!response.ok) throw new Error(`POST /api/v2/alerts answered ${response.status}: ${await response.text()}`);
}

export interface AlertState {
  labels: Record<string, string>;
  status: { state: string; inhibitedBy: string[] };
  receivers: { name: string }[];
}

export async function listAlerts(url: string): Promise<AlertState[]> {
  const response = await fetch(`${url}/api/v2/alerts`);
  return (await response.json()) as AlertState[];
}
