/**
 * prometheus-operator v0.85 (built by bin/setup-stack-tools) running out of cluster against a test control
 * plane, watching one namespace. It has no token flag: it authenticates with the control plane's client
 * certificate (O=system:masters). No kubelet: the StatefulSets it writes never run, the files it renders
 * (rule-file ConfigMaps, the generated Alertmanager config Secret) are what tests read.
 */
import type { KubeControlPlane } from './kube-control-plane.js';
import { freePort } from './ports.js';
import { startProcess, waitFor, type RunningProcess } from './processes.js';
import { stackTool } from './stack-tools.js';

export async function startPrometheusOperator(plane: KubeControlPlane, namespace: string): Promise<RunningProcess> {
  const port = await freePort();
  const operator = startProcess(stackTool('prometheus-operator', 'prometheus-operator'), [
    `--apiserver=${plane.server}`,
    `--cert-file=${plane.certs.adminCert}`,
    `--key-file=${plane.certs.adminKey}`,
    // The API server's serving certificate is self-signed by kube-apiserver.
    '--tls-insecure',
    '--kubelet-endpoints=false',
    `--namespaces=${namespace}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  await waitFor('prometheus-operator healthy', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000, operator.output);
  return operator;
}
