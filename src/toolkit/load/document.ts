import type { KubernetesOrigin, SourceFormat } from '../../core/model/slo.js';
import type { Problem } from '../../core/diagnostics/problem.js';
import type { SetSourceMap } from './source-map.js';

/** What a loader read from one file: SLO sets in the authoring shape, not yet validated. */
export interface LoadedDocument {
  file: string;
  format: SourceFormat;
  sets: unknown[];
  problems: Problem[];
  /** One per set, when the loader knows where its fields came from (YAML formats). */
  sourceMaps?: SetSourceMap[];
  /** One per set: the namespace and labels of the Kubernetes object it was read from, if any. */
  origins?: (KubernetesOrigin | undefined)[];
}

/** A Kubernetes object's namespace and labels, or undefined when it has neither. */
export function kubernetesOrigin(metadata: { namespace?: unknown; labels?: unknown } | undefined): KubernetesOrigin | undefined {
  const namespace = typeof metadata?.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  const written = typeof metadata?.labels === 'object' && metadata.labels !== null ? (metadata.labels as Record<string, unknown>) : {};
  const labels = Object.fromEntries(Object.entries(written).map(([name, value]) => [name, String(value)]));
  if (namespace === undefined && Object.keys(labels).length === 0) return undefined;
  return { ...(namespace !== undefined ? { namespace } : {}), ...(Object.keys(labels).length > 0 ? { labels } : {}) };
}

export function failedDocument(file: string, format: SourceFormat, code: string, message: string): LoadedDocument {
  return { file, format, sets: [], problems: [{ severity: 'error', code, file, message }] };
}
