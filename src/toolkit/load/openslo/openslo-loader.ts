/**
 * Converts OpenSLO v1 documents (Service, SLI, SLO and DataSource kinds, one or many per file) into
 * Burnrate SLO sets in the authoring shape; the shared validation then checks them like `*.slo.ts` files.
 */
import type { SloSetInput } from '../../sdk/types.js';
import { ProblemSink, type Problem } from '../../../core/diagnostics/problem.js';
import type { LoadedDocument } from '../document.js';
import { readObjects } from './openslo-objects.js';
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
  if (objects.slos.length === 0 && sink.problems.length === 0) {
    sink.warning('no-slo', undefined, 'holds no OpenSLO SLO object; Burnrate resolves SLI and Service references within one file');
  }
  // One set per service and team: an OpenSLO file may mix services, and SLOs of one service may differ in owner.
  const sets = new Map<string, SloSetInput>();
  const producedBy = new Map<string, string>();
  for (const slo of objects.slos) {
    const converted = convertSlo(slo, objects, sink);
    if (!converted) continue;
    const key = `${converted.service}\u0000${converted.team}`;
    const set = sets.get(key) ?? { service: converted.service, team: converted.team, slos: {} };
    sets.set(key, set);
    for (const [name, input] of converted.slos) {
      const id = `${converted.service}-${name}`;
      const first = producedBy.get(id);
      if (first !== undefined) {
        sink.forSlo(slo.metadata.name).error('duplicate-name', 'metadata.name', `becomes the Burnrate SLO "${id}", which SLO "${first}" in this file already defines`);
        continue;
      }
      producedBy.set(id, slo.metadata.name);
      set.slos[name] = input;
    }
  }
  const filled = [...sets.values()].filter((set) => Object.keys(set.slos).length > 0);
  return { file, format: 'openslo', sets: filled, problems: unique(sink.problems) };
}
