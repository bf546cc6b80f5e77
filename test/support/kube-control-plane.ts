/**
 * A real Kubernetes control plane for one test file: etcd and kube-apiserver (v1.37.2, built by
 * bin/setup-stack-tools) on random 127.0.0.1 ports in a temp dir, with the prometheus-operator CRDs applied.
 * There is no scheduler, controller manager or kubelet: objects are validated and stored, no pod runs.
 * Flags: /work/shared/recipes/real-components.md, "Kubernetes API server, etcd, kubectl".
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { makeKubeCerts, type KubeCerts } from './kube-certs.js';
import { kubectlOk } from './kubectl.js';
import { freePort } from './ports.js';
import { startProcess, waitFor, type RunningProcess } from './processes.js';
import { STACK_DIR, stackTool } from './stack-tools.js';
import { makeTempDir } from './temp-dir.js';

export interface KubeControlPlane {
  /** https://127.0.0.1:<port> */
  server: string;
  /** Token user in system:masters, insecure-skip-tls-verify: for helm and kubectl. */
  kubeconfig: string;
  certs: KubeCerts;
  dir: string;
  /** The last output of etcd and kube-apiserver, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

export const PROMETHEUS_OPERATOR_CRDS = path.join(STACK_DIR, 'prometheus-operator/crds');

/** GET on the API server with the token; true on 200. The serving certificate is self-signed. */
function apiOk(server: string, token: string, urlPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = https.get(`${server}${urlPath}`, { rejectUnauthorized: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
  });
}

async function startEtcd(dir: string): Promise<{ url: string; process: RunningProcess }> {
  const [client, peer] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${client}`;
  const process = startProcess(stackTool('etcd', 'etcd'), [
    '--name=test',
    `--data-dir=${path.join(dir, 'etcd')}`,
    `--listen-client-urls=${url}`,
    `--advertise-client-urls=${url}`,
    `--listen-peer-urls=http://127.0.0.1:${peer}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
    `--initial-cluster=test=http://127.0.0.1:${peer}`,
    // A throwaway store: no fsync keeps etcd fast on a busy CI disk.
    '--unsafe-no-fsync',
    '--log-level=warn',
  ]);
  await waitFor('etcd healthy', async () => (await fetch(`${url}/health`)).ok, 30_000, process.output);
  return { url, process };
}

export async function startKubeControlPlane(options: { crds?: boolean } = {}): Promise<KubeControlPlane> {
  const temp = await makeTempDir('burnrate-kube-');
  const processes: RunningProcess[] = [];
  // Stop the API server before etcd (reverse start order), then remove the dir.
  const stop = async () => {
    for (const p of [...processes].reverse()) await p.stop();
    await temp.remove();
  };
  try {
    const certs = await makeKubeCerts(temp.dir);
    const token = randomBytes(16).toString('hex');
    const tokens = path.join(temp.dir, 'tokens.csv');
    await writeFile(tokens, `${token},admin,admin,"system:masters"\n`);
    const etcd = await startEtcd(temp.dir);
    processes.push(etcd.process);
    const port = await freePort();
    const server = `https://127.0.0.1:${port}`;
    const apiserver = startProcess(stackTool('kubernetes', 'kube-apiserver'), [
      `--etcd-servers=${etcd.url}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${port}`,
      `--cert-dir=${path.join(temp.dir, 'serving')}`,
      `--token-auth-file=${tokens}`,
      `--client-ca-file=${certs.clientCa}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc',
      `--service-account-key-file=${certs.serviceAccountPub}`,
      `--service-account-signing-key-file=${certs.serviceAccountKey}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      '--enable-priority-and-fairness=false',
      // Required with a loopback advertise address: no kubernetes Service endpoints to reconcile.
      '--endpoint-reconciler-type=none',
    ]);
    processes.push(apiserver);
    const output = () => `--- etcd\n${etcd.process.output().slice(-2000)}\n--- kube-apiserver\n${apiserver.output().slice(-4000)}`;
    await waitFor('kube-apiserver ready', () => apiOk(server, token, '/readyz'), 60_000, output);

    const kubeconfig = path.join(temp.dir, 'kubeconfig');
    await writeFile(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{ name: test, cluster: { server: "' + server + '", insecure-skip-tls-verify: true } }]',
        `users: [{ name: admin, user: { token: "${token}" } }]`,
        'contexts: [{ name: test, context: { cluster: test, user: admin } }]',
        'current-context: test',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    if (options.crds ?? true) {
      // Server-side: the CRDs are too large for client-side apply's last-applied annotation.
      await kubectlOk(kubeconfig, ['apply', '--server-side', '-f', PROMETHEUS_OPERATOR_CRDS]);
      await kubectlOk(kubeconfig, ['wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s']);
    }
    return { server, kubeconfig, certs, dir: temp.dir, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
