/** Validates every loaded document at once: all problems in one run, SLOs frozen when valid. */
import type { Slo } from '../model/slo.js';
import type { LoadedDocument } from '../load/document.js';
import type { SloInput, SloSetInput } from '../sdk/types.js';
import { checkSetShape, checkSloShape } from './check-shape.js';
import { checkSlo, NAME_PATTERN } from './check-slo.js';
import { errorsOf, ProblemSink, type Problem } from './problem.js';
import { checkLabelMap } from './check-labels.js';

export interface ValidationResult {
  slos: Slo[];
  problems: Problem[];
  /** True when there is no error (warnings allowed). */
  ok: boolean;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function validateSet(doc: LoadedDocument, input: unknown, sink: ProblemSink): Slo[] {
  if (!checkSetShape(input, sink)) return [];
  const set = input as SloSetInput;
  const service = typeof set.service === 'string' ? set.service : '';
  if (typeof set.service === 'string' && !NAME_PATTERN.test(service)) {
    sink.error('service-name', 'service', `must be lowercase words joined by dashes such as "checkout", got "${service}"`);
  }
  if (typeof set.team === 'string' && set.team.trim() === '') sink.error('team', 'team', 'must name the owning team');
  checkLabelMap('labels', set.labels, sink);
  const slos: Slo[] = [];
  const names = Object.keys(set.slos ?? {});
  if (names.length === 0) sink.error('no-slos', 'slos', 'must define at least one SLO');
  for (const name of names) {
    const sloSink = sink.forSlo(`${service}-${name}`);
    const sloInput = set.slos[name];
    if (!checkSloShape(sloInput, sloSink)) continue;
    const slo = checkSlo(set, name, sloInput as SloInput, { file: doc.file, format: doc.format }, sloSink);
    if (slo) slos.push(slo);
  }
  return slos;
}

export function validateDocuments(docs: readonly LoadedDocument[]): ValidationResult {
  const problems: Problem[] = [];
  const slos: Slo[] = [];
  for (const doc of docs) {
    problems.push(...doc.problems);
    for (const set of doc.sets) {
      const sink = new ProblemSink(doc.file);
      slos.push(...validateSet(doc, set, sink));
      problems.push(...sink.problems);
    }
  }
  const firstFileById = new Map<string, string>();
  for (const slo of slos) {
    const first = firstFileById.get(slo.id);
    if (first === undefined) firstFileById.set(slo.id, slo.source.file);
    else {
      problems.push({ severity: 'error', code: 'duplicate-id', file: slo.source.file, slo: slo.id, message: `SLO id is already defined in ${first}; ids must be unique across files` });
    }
  }
  const ok = errorsOf(problems).length === 0;
  const sorted = [...slos].sort((a, b) => a.id.localeCompare(b.id));
  return { slos: ok ? sorted.map(deepFreeze) : [], problems, ok };
}
