/**
 * Converts OpenSLO v1 and v1alpha objects (Service, SLI, SLO and DataSource kinds; one or many documents
 * per file, or a list of objects) into Burnrate SLO sets in the authoring shape; the shared validation then
 * checks them like `*.slo.ts` files. A file of Services alone is valid and gives no SLO.
 */
import type { SloSetInput } from '../../sdk/types.js';
import { ProblemSink, type Problem } from '../../../core/diagnostics/problem.js';
import type { LoadedDocument } from '../document.js';
import { emptySourceMap, type SetSourceMap } from '../source-map.js';
import { objectSink, readObjects } from './openslo-objects.js';
import { convertSlo } from './openslo-slo.js';

function unique(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify(problem);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function openSloToDocument(values: unknown[], file: string): LoadedDocument {
  const sink = new ProblemSink(file);
  const objects = readObjects(values, sink);
  if (objects.slos.length === 0 && objects.slis.size > 0 && sink.problems.length === 0) {
    sink.warning('no-slo', undefined, 'holds SLI objects but no SLO; Burnrate resolves references between SLOs and SLIs within one file');
  }
  // One set per service and team: an OpenSLO file may mix services, and SLOs of one service may differ in owner.
  const sets = new Map<string, { set: SloSetInput; map: SetSourceMap }>();
  const producedBy = new Map<string, string>();
  for (const slo of objects.slos) {
    const converted = convertSlo(slo, objects, sink);
    if (!converted) continue;
    const key = `${converted.service}\u0000${converted.team}`;
    const entry = sets.get(key) ?? { set: { service: converted.service, team: converted.team, slos: {} }, map: { ...emptySourceMap(), set: converted.setSources } };
    sets.set(key, entry);
    for (const [name, input, sources] of converted.slos) {
      const id = `${converted.service}-${name}`;
      const first = producedBy.get(id);
      if (first !== undefined) {
        objectSink(sink, slo.index, objects.count).forSlo(slo.metadata.name).error('duplicate-name', 'metadata.name', `becomes the Burnrate SLO "${id}", which SLO "${first}" in this file already defines`);
        continue;
      }
      producedBy.set(id, slo.metadata.name);
      entry.set.slos[name] = input;
      entry.map.slos[id] = sources;
    }
  }
  const filled = [...sets.values()].filter(({ set }) => Object.keys(set.slos).length > 0);
  return { file, format: 'openslo', sets: filled.map(({ set }) => set), problems: unique(sink.problems), sourceMaps: filled.map(({ map }) => map) };
}
