/**
 * kubectl against a test control plane. Asynchronous on purpose: tests that poll the API server also serve
 * HTTP from this process (a synthetic exporter, a fake PagerDuty), which a blocking spawn would stall.
 */
import { spawn } from 'node:child_process';
import { stackTool } from './stack-tools.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function kubectl(kubeconfig: string, args: readonly string[], input?: string): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(stackTool('kubernetes', 'kubectl'), [`--kubeconfig=${kubeconfig}`, ...args], { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    // kubectl may exit (e.g. on a bad flag) before reading its input: that error is its answer, not ours.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/** kubectl that must succeed; its stdout. */
export async function kubectlOk(kubeconfig: string, args: readonly string[], input?: string): Promise<string> {
  const result = await kubectl(kubeconfig, args, input);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

/** `kubectl get -o json` of one object, or undefined when it does not exist. */
export async function getObject(kubeconfig: string, args: readonly string[]): Promise<KubeObject | undefined> {
  const result = await kubectl(kubeconfig, ['get', ...args, '-o', 'json']);
  if (result.code !== 0) {
    if (/NotFound|not found/.test(result.stderr)) return undefined;
    throw new Error(`kubectl get ${args.join(' ')} failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as KubeObject;
}

/** `kubectl get -o json` of a list. */
export async function listObjects(kubeconfig: string, args: readonly string[]): Promise<KubeObject[]> {
  return (JSON.parse(await kubectlOk(kubeconfig, ['get', ...args, '-o', 'json'])) as { items: KubeObject[] }).items;
}
