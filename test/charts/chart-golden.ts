/**
 * Golden form of rendered manifests: the chart's own structure. The chart carries no generated content (SLOs
 * arrive as bundles, test/charts/example-bundle.test.ts); only the ConfigMap checksum is replaced here, so a
 * values change shows once, in the ConfigMap, and not again in the Deployment's annotation.
 */
import { stringify } from 'yaml';
import type { K8sObject } from '../support/helm.js';

function normalise(object: K8sObject): K8sObject {
  const copy = structuredClone(object);
  const annotations = (copy.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)?.template?.metadata?.annotations;
  if (annotations?.['checksum/config']) annotations['checksum/config'] = '<checksum of the ConfigMap>';
  return copy;
}

export function goldenManifests(objects: readonly K8sObject[]): string {
  return objects.map((o) => stringify(normalise(o), { lineWidth: 0 })).join('---\n');
}
