/** Validates every loaded document at once: all problems in one run, SLOs frozen when valid. */
import type { KubernetesOrigin, Slo } from '../../core/model/slo.js';
import type { LoadedDocument } from '../load/document.js';
import type { SloInput, SloSetInput } from '../sdk/types.js';
import { checkSetShape, checkSloShape } from './check-shape.js';
import { checkName, checkSlo, checkUrl } from './check-slo.js';
import { errorsOf, ProblemSink, type Problem } from '../../core/diagnostics/problem.js';
import { checkLabelMap } from './check-labels.js';
import { checkSetMapping, sloLabelTeam } from './check-mapped-labels.js';
import { locateBySlo, locateProblems } from '../load/source-map.js';

export interface ValidationResult {
  /** Every SLO, frozen and sorted by id; empty when any error was found (nothing may be generated). */
  slos: Slo[];
  /** The SLOs that passed their own checks even when others failed (for diffs against a broken base). */
  validSlos: Slo[];
  problems: Problem[];
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  /** Places problems found after validation (e.g. by an export) at the field of the SLO they name. */
  locate(later: readonly Problem[]): Problem[];
}

/** `locate` of a result without sources (nothing was loaded): the problems as they are. */
export const withoutSources = (later: readonly Problem[]): Problem[] => [...later];

interface SloRef {
  id: string;
  file: string;
  service: string;
  team: unknown;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function validateSet(doc: LoadedDocument, input: unknown, sink: ProblemSink, refs: SloRef[], origin?: KubernetesOrigin): Slo[] {
  if (!checkSetShape(input, sink)) return [];
  const set = input as SloSetInput;
  const service = typeof set.service === 'string' ? set.service : '';
  if (typeof set.service === 'string') checkName('service', service, 'service', sink);
  if (typeof set.team === 'string' && set.team.trim() === '') sink.error('team', 'team', 'must name the owning team, e.g. "payments"');
  checkLabelMap('labels', set.labels, sink);
  const mapping = checkSetMapping(set, sink);
  const names = Object.keys(set.slos ?? {});
  if (mapping.team === undefined && set.team === undefined && service !== '' && !names.every((name) => sloLabelTeam(set.slos[name]) !== undefined)) {
    sink.warning(
      'missing-team',
      'team',
      `no owning team: alerts route to team "${service}", the service's name; set team (e.g. team: "payments") to the team that owns the service`,
    );
  }
  checkUrl('runbookUrl', typeof set.runbookUrl === 'string' ? set.runbookUrl : undefined, sink);
  checkUrl('dashboardUrl', typeof set.dashboardUrl === 'string' ? set.dashboardUrl : undefined, sink);
  // SLOs inherit the set's service, team, labels and links, so an error there spoils all of them.
  const setOk = errorsOf(sink.problems).length === 0;
  const slos: Slo[] = [];
  if (names.length === 0) sink.error('no-slos', 'slos', 'must define at least one SLO, e.g. slos: { availability: { objective: 99.9, sli: {...} } }');
  for (const name of names) {
    const id = service ? `${service}-${name}` : name;
    refs.push({ id, file: doc.file, service, team: mapping.team ?? sloLabelTeam(set.slos[name]) ?? (set.team === undefined ? service : set.team) });
    const sloSink = sink.forSlo(id);
    const sloInput = set.slos[name];
    if (!checkSloShape(sloInput, sloSink)) continue;
    const source = { file: doc.file, format: doc.format, ...(origin ? { kubernetes: origin } : {}) };
    const slo = checkSlo(set, name, sloInput as SloInput, source, sloSink, mapping);
    if (slo && setOk) slos.push(slo);
  }
  return slos;
}

/** Ids are `<service>-<name>` and must be unique across all files; one service belongs to one team. */
function crossFileProblems(refs: readonly SloRef[]): Problem[] {
  const problems: Problem[] = [];
  const firstById = new Map<string, SloRef>();
  const teamByService = new Map<string, SloRef>();
  for (const ref of refs) {
    const first = firstById.get(ref.id);
    if (first) {
      const where = first.file === ref.file ? 'earlier in this file' : `in ${first.file}`;
      problems.push({ severity: 'error', code: 'duplicate-id', file: ref.file, slo: ref.id, message: `SLO id "${ref.id}" is already defined ${where}; ids (<service>-<name>) must be unique across files` });
    } else firstById.set(ref.id, ref);
    const owner = teamByService.get(ref.service);
    if (!owner) teamByService.set(ref.service, ref);
    else if (owner.team !== ref.team && owner.file !== ref.file && typeof ref.team === 'string') {
      problems.push({ severity: 'warning', code: 'service-teams', file: ref.file, slo: ref.id, field: 'team', message: `service "${ref.service}" belongs to team "${String(owner.team)}" in ${owner.file} but to "${ref.team}" here; alerts of one service route to one team` });
      teamByService.set(ref.service, ref);
    }
  }
  return problems;
}

/** One PrometheusRule per service: the Kubernetes objects its SLOs came from should share a namespace. */
function namespaceProblems(slos: readonly Slo[]): Problem[] {
  const byService = new Map<string, Slo[]>();
  for (const slo of slos) byService.set(slo.service, [...(byService.get(slo.service) ?? []), slo]);
  const problems: Problem[] = [];
  for (const [service, serviceSlos] of byService) {
    const namespaces = [...new Set(serviceSlos.map((slo) => slo.source.kubernetes?.namespace).filter((ns): ns is string => ns !== undefined))].sort();
    if (namespaces.length < 2) continue;
    const first = serviceSlos.find((slo) => slo.source.kubernetes?.namespace !== undefined) as Slo;
    problems.push({
      severity: 'warning',
      code: 'service-namespaces',
      file: first.source.file,
      slo: first.id,
      message: `the objects of service "${service}" live in namespaces ${namespaces.join(' and ')}; its one PrometheusRule is written without a namespace, so apply it where the Prometheus operator selects rules`,
    });
  }
  return problems;
}

export function validateDocuments(docs: readonly LoadedDocument[]): ValidationResult {
  const problems: Problem[] = [];
  const slos: Slo[] = [];
  const refs: SloRef[] = [];
  for (const doc of docs) {
    problems.push(...doc.problems);
    doc.sets.forEach((set, index) => {
      const sink = new ProblemSink(doc.file);
      slos.push(...validateSet(doc, set, sink, refs, doc.origins?.[index]));
      // Problems on the authoring shape go back to the field the author wrote.
      if (sink.problems.length > 0) problems.push(...locateProblems(sink.problems, doc.sourceMaps?.[index]));
    });
  }
  problems.push(...locateBySlo(crossFileProblems(refs), docs));
  problems.push(...locateBySlo(namespaceProblems(slos), docs));
  const duplicates = new Set(problems.filter((p) => p.code === 'duplicate-id').map((p) => p.slo));
  const ok = errorsOf(problems).length === 0;
  const sorted = [...slos].sort((a, b) => a.id.localeCompare(b.id)).map(deepFreeze);
  const validSlos = sorted.filter((s) => !duplicates.has(s.id));
  return { slos: ok ? sorted : [], validSlos, problems, ok, locate: (later) => locateBySlo(later, docs) };
}
