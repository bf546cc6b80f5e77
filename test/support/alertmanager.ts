/**
 * A real Alertmanager (a line's binary from stack-tools.ts) on a free 127.0.0.1 port, clustering off, its
 * storage in a temp dir; and amtool (the same line's) against config files.
 */
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './ports.js';
import { startProcess, waitFor, type RunningProcess } from './processes.js';

export interface AlertmanagerServer {
  url: string;
  process: RunningProcess;
  stop: () => Promise<void>;
}

export async function startAlertmanager(binary: string, configFile: string, dir: string): Promise<AlertmanagerServer> {
  const port = await freePort();
  const storage = path.join(dir, 'alertmanager-data');
  await mkdir(storage, { recursive: true });
  const process = startProcess(binary, [
    `--config.file=${configFile}`,
    `--storage.path=${storage}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('alertmanager ready', async () => (await fetch(`${url}/-/ready`)).ok, 60_000, process.output);
  return { url, process, stop: process.stop };
}

export function amtool(binary: string, args: readonly string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(binary, [...args], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Label arguments of `amtool config routes test`, values quoted: amtool 0.35 parses them as UTF-8 matchers,
 * where an unquoted `team=Platform SRE` only passes with a warning on stdout; 0.25 unquotes them too.
 */
export function labelArgs(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
}

/** The receivers `amtool config routes test` resolves for a label set. */
export function routeFor(binary: string, configFile: string, labels: Record<string, string>): { code: number; receivers: string } {
  const result = amtool(binary, ['config', 'routes', 'test', `--config.file=${configFile}`, ...labelArgs(labels)]);
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
