import type { SourceFormat } from '../../core/model/slo.js';
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
}

export function failedDocument(file: string, format: SourceFormat, code: string, message: string): LoadedDocument {
  return { file, format, sets: [], problems: [{ severity: 'error', code, file, message }] };
}
