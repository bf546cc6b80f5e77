/** A Helm release's objects as the API server stores them, for comparing with manifests and revisions. */
import { parseAllDocuments } from 'yaml';
import { helm } from './helm.js';
import { listObjects, type KubeObject } from './kubectl.js';

// Every kind the burnrate chart renders, each at the version the chart writes (AlertmanagerConfig is served
// as v1alpha1 and v1beta1; a plain `alertmanagerconfigs` would answer in the preferred v1beta1).
const RESOURCES = [
  'deployments.v1.apps',
  'services',
  'configmaps',
  'serviceaccounts',
  'networkpolicies.v1.networking.k8s.io',
  'poddisruptionbudgets.v1.policy',
  'horizontalpodautoscalers.v2.autoscaling',
  'persistentvolumeclaims',
  'prometheusrules.v1.monitoring.coreos.com',
  'servicemonitors.v1.monitoring.coreos.com',
  'alertmanagerconfigs.v1alpha1.monitoring.coreos.com',
].join(',');

export const objectKey = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;

/** The release's objects in the namespace, found by the chart's instance label, sorted by kind/name. */
export async function releaseObjects(kubeconfig: string, namespace: string, release: string): Promise<KubeObject[]> {
  const items = await listObjects(kubeconfig, [RESOURCES, '-n', namespace, '-l', `app.kubernetes.io/instance=${release}`]);
  // Code-unit order, as a plain Array#sort of the keys.
  return items.sort((a, b) => (objectKey(a) < objectKey(b) ? -1 : objectKey(a) > objectKey(b) ? 1 : 0));
}

/** An object without what the server records about it: ids, versions, times, field owners, status. */
export function content(object: KubeObject): Record<string, unknown> {
  const { uid: _u, resourceVersion: _r, generation: _g, creationTimestamp: _c, managedFields: _m, ...metadata } = object.metadata;
  const { status: _s, apiVersion: _a, ...rest } = object;
  return { ...rest, metadata };
}

export function parseManifests(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

/** The manifests Helm applied for the release's current revision (`helm get manifest`). */
export function releaseManifests(kubeconfig: string, namespace: string, release: string): KubeObject[] {
  const result = helm(['get', 'manifest', release, '-n', namespace, '--kubeconfig', kubeconfig]);
  if (result.code !== 0) throw new Error(`helm get manifest failed: ${result.stderr}`);
  return parseManifests(result.stdout);
}
