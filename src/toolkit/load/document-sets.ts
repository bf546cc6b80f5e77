/**
 * The loop every multi-document YAML loader shares: one problem sink per document (numbered when the file
 * holds several), and the sets, source maps and Kubernetes origins of the documents that converted.
 */
import { ProblemSink } from '../../core/diagnostics/problem.js';
import type { KubernetesOrigin, SourceFormat } from '../../core/model/slo.js';
import type { SloSetInput } from '../sdk/types.js';
import type { LoadedDocument } from './document.js';
import { spotIn, type SetSourceMap, type SourceSpot } from './source-map.js';

export interface ConvertedSet {
  set: SloSetInput;
  map: SetSourceMap;
  /** A CRD's namespace and labels, for the PrometheusRule generated from it. */
  origin?: KubernetesOrigin;
}

/** What one document's converter gets: its value, its sink, and where a path of it stands in the file. */
export interface DocumentContext {
  value: unknown;
  sink: ProblemSink;
  at: (path: string) => SourceSpot;
}

export function documentOfSets(file: string, format: SourceFormat, values: readonly unknown[], convert: (doc: DocumentContext) => ConvertedSet | undefined): LoadedDocument {
  const sink = new ProblemSink(file);
  const document: Required<Pick<LoadedDocument, 'sets' | 'sourceMaps' | 'origins'>> = { sets: [], sourceMaps: [], origins: [] };
  values.forEach((value, index) => {
    const converted = convert({
      value,
      sink: values.length > 1 ? sink.forDocument(index + 1) : sink,
      at: (path) => spotIn(index, values.length, path),
    });
    if (!converted) return;
    document.sets.push(converted.set);
    document.sourceMaps.push(converted.map);
    document.origins.push(converted.origin);
  });
  return { file, format, ...document, problems: sink.problems };
}
