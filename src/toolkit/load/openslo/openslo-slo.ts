/** One OpenSLO SLO object as Burnrate SLOs in the authoring shape (one per objective). */
import type { SliInput, SloInput } from '../../sdk/types.js';
import { closestName } from '../../../core/diagnostics/closest-name.js';
import { ProblemSink } from '../../../core/diagnostics/problem.js';
import type { FieldSources } from '../source-map.js';
import { ANNOTATIONS, annotationField, readBurnrateAnnotations, type BurnrateAnnotations } from './burnrate-annotations.js';
import type { ConvertedIndicator } from './openslo-converted.js';
import { indicatorToSli } from './openslo-indicator.js';
import { objectSink, type OpenSloObjects } from './openslo-objects.js';
import { readObjectives } from './openslo-objectives.js';
import { checkServiceLabels, readOwnership } from './openslo-ownership.js';
import type { OpenSloObject, SliSpec, SloSpec } from './openslo-schema.js';
import { sloSources } from './openslo-source-map.js';
import { readBudgetingMethod, sliceBudget, type BudgetingMethod, type SliceBudget } from './openslo-time-slices.js';
import { timeWindowToInput } from './openslo-window.js';

export interface ConvertedSlo {
  service: string;
  team: string;
  /** Burnrate SLO name → SLO and where its fields came from. */
  slos: [string, SloInput, FieldSources][];
  /** Where the set's fields (service, team) came from. */
  setSources: FieldSources;
}

function checkAlertPolicies(spec: SloSpec, sink: ProblemSink): boolean {
  if (!spec.alertPolicies || spec.alertPolicies.length === 0) return true;
  sink.error('alert-policies', 'spec.alertPolicies', `OpenSLO alert policies are not supported: Burnrate derives multiwindow burn-rate alerts itself; tune them with the annotation "${ANNOTATIONS.alerting}"`);
  return false;
}

/** Whether the SLI is a thresholdMetric (or, from the annotation, a threshold SLI): its slices have no target. */
function isThreshold(spec: SloSpec, objects: OpenSloObjects, annotations: BurnrateAnnotations): boolean {
  if (annotations.sli !== undefined) return (annotations.sli as { kind?: unknown } | null)?.kind === 'threshold';
  const indicator: SliSpec | undefined = spec.indicator?.spec ?? (spec.indicatorRef === undefined ? undefined : objects.slis.get(spec.indicatorRef)?.spec);
  return indicator?.thresholdMetric !== undefined;
}

function convertIndicator(slo: OpenSloObject<SloSpec>, objects: OpenSloObjects, root: ProblemSink, sink: ProblemSink, slices: SliceBudget | undefined): ConvertedIndicator | undefined {
  const { spec } = slo;
  if ((spec.indicator === undefined) === (spec.indicatorRef === undefined)) {
    sink.error('indicator', 'spec.indicator', 'give exactly one of indicator (inline SLI) or indicatorRef (the name of an SLI in this file)');
    return undefined;
  }
  if (spec.indicator) return indicatorToSli(spec.indicator.spec, spec.objectives, 'spec.indicator.spec', objects.dataSources, sink, sink, slices);
  const ref = spec.indicatorRef as string;
  const sli = objects.slis.get(ref);
  if (!sli) {
    const hint = closestName(ref, [...objects.slis.keys()]);
    const suggestion = hint ? `; did you mean "${hint}"?` : ' (Burnrate resolves references within one file)';
    sink.error('missing-ref', 'spec.indicatorRef', `names no SLI in this file: "${ref}"${suggestion}`);
    return undefined;
  }
  // Problems inside the SLI object are reported on it (once, however many SLOs use it: see the loader).
  const sliSink = objectSink(root, sli.index, objects.count).forSlo(ref);
  const converted = indicatorToSli(sli.spec, spec.objectives, 'spec', objects.dataSources, sliSink, sink, slices);
  return converted && { ...converted, index: sli.index };
}

function withAnnotations(converted: ConvertedIndicator, annotations: BurnrateAnnotations, sink: ProblemSink): ConvertedIndicator | undefined {
  let groupBy = converted.groupBy;
  if (annotations.groupBy) {
    if (groupBy.length > 0 && [...groupBy].sort().join() !== [...annotations.groupBy].sort().join()) {
      sink.error('groupby-mismatch', annotationField(ANNOTATIONS.groupBy), `says (${annotations.groupBy.join(', ')}) but the queries sum by (${groupBy.join(', ')})`);
      return undefined;
    }
    groupBy = annotations.groupBy;
  }
  let sli: SliInput = converted.sli;
  if (annotations.buckets) {
    if (sli.kind !== 'latency') {
      sink.error('annotation-buckets', annotationField(ANNOTATIONS.buckets), `applies to a latency SLI (a histogram bucket over its count), not to a ${sli.kind} SLI`);
      return undefined;
    }
    sli = { ...sli, buckets: annotations.buckets };
  }
  return { ...converted, sli, groupBy };
}

/** The Burnrate name: the OpenSLO name without a leading "<service>-", which the SLO id adds back. */
function baseName(name: string, service: string): string {
  return name.startsWith(`${service}-`) && name.length > service.length + 1 ? name.slice(service.length + 1) : name;
}

/** `root` is the file's sink; problems of this SLO go to its own child sink. */
export function convertSlo(slo: OpenSloObject<SloSpec>, objects: OpenSloObjects, root: ProblemSink): ConvertedSlo | undefined {
  const { metadata, spec } = slo;
  const document = objectSink(root, slo.index, objects.count).forSlo(metadata.name);
  const sink = slo.rewrite ? document.rewriting(slo.rewrite) : document;
  const method: BudgetingMethod | undefined = readBudgetingMethod(spec.budgetingMethod, sink);
  let ok = checkAlertPolicies(spec, sink) && method !== undefined && !slo.failed;
  const annotations = readBurnrateAnnotations(metadata.annotations, Object.keys(ANNOTATIONS) as (keyof typeof ANNOTATIONS)[], 'SLO', sink);
  const serviceObject = objects.services.get(spec.service);
  const service = serviceObject?.metadata;
  // The Service reports its own problems, once: its labels matter only to the SLOs that use it.
  if (serviceObject) checkServiceLabels(serviceObject.metadata, objectSink(root, serviceObject.index, objects.count).forSlo(spec.service));
  const serviceAnnotations = readBurnrateAnnotations(service?.annotations, ['team', 'runbookUrl', 'dashboardUrl'], 'Service', new ProblemSink(''));
  const owner = readOwnership(metadata, service, spec.service, sink);
  const window = timeWindowToInput(spec.timeWindow, sink);
  const objectives = readObjectives(spec.objectives, method, isThreshold(spec, objects, annotations), sink);
  let indicator: ConvertedIndicator | undefined;
  if (annotations.sli !== undefined) indicator = { sli: annotations.sli as SliInput, groupBy: annotations.groupBy ?? [] };
  else {
    const converted = convertIndicator(slo, objects, root, sink, sliceBudget(method, spec.objectives[0]));
    indicator = converted && withAnnotations(converted, annotations, sink);
  }
  ok = ok && window !== null && objectives !== undefined && indicator !== undefined;
  if (!ok || !objectives || !indicator || window === null) return undefined;

  const runbookUrl = annotations.runbookUrl ?? serviceAnnotations.runbookUrl;
  const dashboardUrl = annotations.dashboardUrl ?? serviceAnnotations.dashboardUrl;
  const base = baseName(metadata.name, spec.service);
  const sources = sloSources({ slo, objects, owner, annotations, serviceAnnotations, indicator });
  const slos = objectives.map((objective, index): [string, SloInput, FieldSources] => [
    objective.suffix ? `${base}-${objective.suffix}` : base,
    {
      ...(spec.description ? { description: spec.description } : {}),
      objective: objective.objectivePercent,
      ...(window !== undefined ? { window } : {}),
      ...(indicator.groupBy.length > 0 ? { groupBy: [...indicator.groupBy] } : {}),
      ...(Object.keys(owner.labels).length > 0 ? { labels: { ...owner.labels } } : {}),
      ...(runbookUrl !== undefined ? { runbookUrl } : {}),
      ...(dashboardUrl !== undefined ? { dashboardUrl } : {}),
      sli: indicator.sli,
      ...(objective.timeSlices ? { timeSlices: objective.timeSlices } : {}),
      ...(annotations.alerting !== undefined ? { alerting: annotations.alerting as SloInput['alerting'] } : {}),
    },
    sources.slo(index),
  ]);
  return { service: spec.service, team: owner.team, slos, setSources: sources.set };
}
