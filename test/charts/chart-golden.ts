/**
 * Golden form of rendered manifests: the chart's own structure. Generated content (rule groups,
 * dashboards, catalog) is replaced by a digest here; other tests compare it with the generated files.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { K8sObject } from '../support/helm.js';

const digest = (text: string) => `<generated sha256:${createHash('sha256').update(text).digest('hex').slice(0, 12)}>`;

function normalise(object: K8sObject): K8sObject {
  const copy = structuredClone(object);
  if (copy.kind === 'PrometheusRule') {
    const spec = copy.spec as { groups: unknown[] };
    copy.spec = { groups: `<${spec.groups.length} generated groups>` };
  }
  if (copy.kind === 'ConfigMap') {
    const data = copy.data as Record<string, string>;
    for (const key of Object.keys(data)) {
      if (key.endsWith('.json')) data[key] = digest(data[key] ?? '');
    }
  }
  const annotations = (copy.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)?.template?.metadata?.annotations;
  if (annotations?.['checksum/config']) annotations['checksum/config'] = '<checksum of the ConfigMap>';
  return copy;
}

export function goldenManifests(objects: readonly K8sObject[]): string {
  return objects.map((o) => stringify(normalise(o), { lineWidth: 0 })).join('---\n');
}
