/** Runs the Go-installed helm (.tools/bin) and parses rendered manifests. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './cli.js';

export const HELM = path.join(REPO_ROOT, '.tools/bin/helm');
/** helm built with `go install` defaults to Kubernetes 1.20; render for a current cluster. */
export const KUBE_VERSION = '1.30.0';

export interface HelmResult {
  code: number;
  stdout: string;
  /** stderr without helm's notes about following symbolic links. */
  stderr: string;
}

export function helm(args: readonly string[], cwd = REPO_ROOT): HelmResult {
  const result = spawnSync(HELM, [...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  const stderr = result.stderr
    .split('\n')
    .filter((line) => !line.includes('found symbolic link in path'))
    .join('\n')
    .trim();
  return { code: result.status ?? -1, stdout: result.stdout, stderr };
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

export function renderChart(chartDir: string, options: { values?: string[]; set?: string[]; release?: string } = {}): K8sObject[] {
  const args = ['template', options.release ?? 'demo', chartDir, '--kube-version', KUBE_VERSION, '--namespace', 'slo'];
  for (const file of options.values ?? []) args.push('--values', file);
  for (const pair of options.set ?? []) args.push('--set', pair);
  const result = helm(args);
  if (result.code !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((obj): obj is K8sObject => obj !== null);
}
