/**
 * Reads a YAML file and hands its objects to the OpenSLO, Sloth or Pyrra loader, told apart by their
 * apiVersion / version; then puts every problem, and every field of the source map, at its line and column.
 */
import { readFile } from 'node:fs/promises';
import type { Problem } from '../../core/diagnostics/problem.js';
import type { SourceFormat } from '../../core/model/slo.js';
import type { LoadedDocument } from './document.js';
import { openSloToDocument } from './openslo/openslo-loader.js';
import { pyrraToDocument } from './pyrra/pyrra-loader.js';
import { slothToDocument } from './sloth/sloth-loader.js';
import type { SetSourceMap, SourceSpot } from './source-map.js';
import { positionIn, readYamlSource, type YamlSource } from './yaml-source.js';

export const YAML_FORMATS = 'OpenSLO (apiVersion: openslo/v1 or openslo/v1alpha), Sloth (version: prometheus/v1, or apiVersion: sloth.slok.dev/v1) or Pyrra (apiVersion: pyrra.dev/v1alpha1)';

/** The format one object is written in, from its version field. */
export function formatOf(value: unknown): SourceFormat | undefined {
  const doc = value as { apiVersion?: unknown; version?: unknown } | null;
  const apiVersion = typeof doc === 'object' && doc !== null ? String(doc.apiVersion ?? '') : '';
  if (apiVersion.startsWith('openslo/') || apiVersion.startsWith('openslo.com/')) return 'openslo';
  if (doc?.version === 'prometheus/v1' || apiVersion.startsWith('sloth.slok.dev/')) return 'sloth';
  if (apiVersion.startsWith('pyrra.dev/')) return 'pyrra';
  return undefined;
}

const LOADERS: Record<Exclude<SourceFormat, 'typescript'>, (values: unknown[], file: string) => LoadedDocument> = {
  openslo: openSloToDocument,
  sloth: slothToDocument,
  pyrra: pyrraToDocument,
};

function placed(problem: Problem, source: YamlSource): Problem {
  if (problem.line !== undefined || (problem.document === undefined && source.objects.length !== 1)) return problem;
  const position = positionIn(source, problem.document ?? 1, problem.field);
  if (!position) return problem;
  return { ...problem, ...position, ...(problem.excerpt ? { excerpt: problem.excerpt } : {}) };
}

function placedSpot(spot: SourceSpot, source: YamlSource): SourceSpot {
  const position = positionIn(source, spot.document ?? 1, spot.path);
  return position ? { ...spot, ...position } : spot;
}

function placedMap(map: SetSourceMap, source: YamlSource): SetSourceMap {
  const place = (sources: Record<string, SourceSpot>) => Object.fromEntries(Object.entries(sources).map(([field, spot]) => [field, placedSpot(spot, source)]));
  return { set: place(map.set), slos: Object.fromEntries(Object.entries(map.slos).map(([id, sources]) => [id, place(sources)])) };
}

/** Loads YAML text; `displayName` names the file in problems. */
export function loadYamlText(text: string, displayName: string): LoadedDocument {
  const source = readYamlSource(text, displayName);
  if (source.syntax.length > 0) return { file: displayName, format: 'openslo', sets: [], problems: source.syntax };
  const values = source.objects.map((object) => object.value);
  const format = values.map(formatOf).find((f) => f !== undefined);
  if (!format || format === 'typescript') {
    const apiVersion = positionIn(source, 1, 'apiVersion');
    const problem: Problem = { severity: 'error', code: 'unknown-format', file: displayName, message: `is not a format Burnrate reads: ${YAML_FORMATS}`, ...apiVersion };
    return { file: displayName, format: 'openslo', sets: [], problems: [problem] };
  }
  const doc = LOADERS[format](values, displayName);
  return {
    ...doc,
    problems: doc.problems.map((problem) => placed(problem, source)),
    ...(doc.sourceMaps ? { sourceMaps: doc.sourceMaps.map((map) => placedMap(map, source)) } : {}),
  };
}

export async function loadYamlFile(file: string, displayName: string): Promise<LoadedDocument> {
  return loadYamlText(await readFile(file, 'utf8'), displayName);
}
