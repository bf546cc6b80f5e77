/**
 * Where each field of a loaded SLO set came from, so that problems validation finds later on the
 * authoring shape (`objective`, `labels.service`, `sli.total`) are reported at the field the author wrote
 * (`slos[1].objective` in document 2, line 14). Loaders fill the map with paths in the source's own
 * terms; the YAML loader adds line and column; validation looks problems up by SLO id and field.
 */
import type { Problem } from '../../core/diagnostics/problem.js';

/** A field of the source: its document (1-based, only in multi-document files) and path there. */
export interface SourceSpot {
  document?: number;
  path: string;
  line?: number;
  column?: number;
  excerpt?: string[];
}

/** Authoring field path → source; `''` is the set (or the SLO) itself. */
export type FieldSources = Record<string, SourceSpot>;

export interface SetSourceMap {
  set: FieldSources;
  /** By SLO id (`<service>-<name>`). */
  slos: Record<string, FieldSources>;
}

export function emptySourceMap(): SetSourceMap {
  return { set: {}, slos: {} };
}

/** A spot in document `index` (0-based) of a file holding `count` documents. */
export function spotIn(index: number, count: number, path: string): SourceSpot {
  return count > 1 ? { document: index + 1, path } : { path };
}

/** Records `path` of the same document as `base` for an authoring field. */
export function mapField(sources: FieldSources, field: string, base: SourceSpot, path: string): void {
  sources[field] = { ...base, path };
}

/** `groupBy.0` (schema paths) and `groupBy[0]` (check paths) name the same field. */
function bracketed(field: string): string {
  return field.replace(/\.(\d+)(?=[.[]|$)/g, '[$1]');
}

function sameOrBelow(field: string, prefix: string): boolean {
  return prefix === '' || field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);
}

/** The entry for the field, or for its closest mapped parent. */
function lookup(sources: FieldSources, field: string): [string, SourceSpot] | undefined {
  let best: [string, SourceSpot] | undefined;
  for (const entry of Object.entries(sources)) {
    if (sameOrBelow(field, entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best;
}

/**
 * Puts a problem found on the authoring shape at its source: the field becomes the source path (the rest
 * of a deeper authoring path follows after ` › `, e.g. inside a JSON annotation) and gets its position.
 * Where the source has no literal for the field itself (built at run time), the closest written parent is
 * the position.
 */
export function locateProblem(problem: Problem, map: SetSourceMap | undefined): Problem {
  const sources = problem.slo === undefined ? map?.set : map?.slos[problem.slo];
  if (!sources || problem.line !== undefined) return problem;
  const field = bracketed(problem.field ?? '');
  const found = lookup(sources, field);
  if (!found) return problem;
  const [prefix, spot] = found;
  const rest = field.slice(prefix.length).replace(/^\./, '');
  // A source written in the authoring terms (TypeScript) keeps the field as checked.
  const path = spot.path === prefix ? (problem.field ?? '') : [spot.path, rest].filter((part) => part !== '').join(' › ');
  const { field: _field, ...others } = problem;
  return {
    ...others,
    ...(path ? { field: path } : {}),
    ...(spot.document !== undefined ? { document: spot.document } : {}),
    ...(spot.line !== undefined ? { line: spot.line, column: spot.column } : {}),
    ...(problem.excerpt ?? spot.excerpt ? { excerpt: problem.excerpt ?? spot.excerpt } : {}),
  };
}

export function locateProblems(problems: readonly Problem[], map: SetSourceMap | undefined): Problem[] {
  return map ? problems.map((problem) => locateProblem(problem, map)) : [...problems];
}

/** Problems that name an SLO but no set (e.g. duplicate ids across files), located by that SLO. */
export function locateBySlo(problems: readonly Problem[], maps: readonly { file: string; sourceMaps?: SetSourceMap[] }[]): Problem[] {
  return problems.map((problem) => {
    const doc = maps.find((d) => d.file === problem.file);
    const map = problem.slo === undefined ? undefined : doc?.sourceMaps?.find((m) => m.slos[problem.slo as string]);
    return map ? locateProblem(problem, map) : problem;
  });
}
