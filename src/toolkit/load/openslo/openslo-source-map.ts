/**
 * Where the fields of a converted OpenSLO SLO came from: its own document (in the author's terms, also for
 * v1alpha), its Service (labels, team, links) or a referenced SLI, so later problems point at them.
 */
import { spotIn, type FieldSources, type SourceSpot } from '../source-map.js';
import { ANNOTATIONS, annotationField, type BurnrateAnnotations } from './burnrate-annotations.js';
import type { ConvertedIndicator } from './openslo-converted.js';
import type { OpenSloObjects } from './openslo-objects.js';
import type { Ownership } from './openslo-ownership.js';
import type { OpenSloObject, SloSpec } from './openslo-schema.js';

interface SloContext {
  slo: OpenSloObject<SloSpec>;
  objects: OpenSloObjects;
  owner: Ownership;
  annotations: BurnrateAnnotations;
  serviceAnnotations: BurnrateAnnotations;
  indicator: ConvertedIndicator;
}

export function sloSources({ slo, objects, owner, annotations, serviceAnnotations, indicator }: SloContext) {
  const onSlo = (path: string): SourceSpot => spotIn(slo.index, objects.count, slo.rewrite ? slo.rewrite(path) : path);
  const serviceIndex = objects.services.get(slo.spec.service)?.index;
  const onService = (path: string): SourceSpot => (serviceIndex === undefined ? onSlo('metadata') : spotIn(serviceIndex, objects.count, path));
  const onIndicator = (path: string): SourceSpot => (indicator.index === undefined ? onSlo(path) : spotIn(indicator.index, objects.count, path));
  const annotation = (key: keyof typeof ANNOTATIONS, fromService: boolean) => (fromService ? onService : onSlo)(annotationField(ANNOTATIONS[key]));

  const common: FieldSources = { '': onSlo('metadata.name'), description: onSlo('spec.description'), alerting: annotation('alerting', false) };
  const window = slo.spec.timeWindow ? 'spec.timeWindow[0]' : 'spec';
  Object.assign(common, { window: onSlo(window), 'window.calendar': onSlo(`${window}.duration`), 'window.timeZone': onSlo(`${window}.calendar.timeZone`) });
  for (const name of Object.keys(owner.labels)) common[`labels.${name}`] = owner.fromService.has(name) ? onService(`metadata.labels.${name}`) : onSlo(`metadata.labels.${name}`);
  if (annotations.runbookUrl !== undefined || serviceAnnotations.runbookUrl !== undefined) common.runbookUrl = annotation('runbookUrl', annotations.runbookUrl === undefined);
  if (annotations.dashboardUrl !== undefined || serviceAnnotations.dashboardUrl !== undefined) common.dashboardUrl = annotation('dashboardUrl', annotations.dashboardUrl === undefined);
  if (annotations.sli !== undefined) common.sli = annotation('sli', false);
  else {
    common.sli = onIndicator(indicator.index === undefined ? 'spec.indicator.spec' : 'spec');
    for (const [field, from] of Object.entries(indicator.fields ?? {})) common[field] = from.onSlo ? onSlo(from.path) : onIndicator(from.path);
  }
  if (annotations.groupBy) common.groupBy = annotation('groupBy', false);
  if (annotations.buckets) common['sli.buckets'] = annotation('buckets', false);

  const set: FieldSources = { '': onSlo(''), service: onSlo('spec.service'), slos: onSlo('metadata.name') };
  if (owner.teamFrom) set.team = (owner.teamFrom.onService ? onService : onSlo)(owner.teamFrom.path);
  return {
    set,
    /** The sources of the SLO made from objective `index`. */
    slo(index: number): FieldSources {
      const objective = slo.spec.objectives[index];
      const target = objective?.targetPercent !== undefined ? 'targetPercent' : 'target';
      const at = `spec.objectives[${index}]`;
      const slices = { timeSlices: onSlo(at), 'timeSlices.slice': onSlo(`${at}.timeSliceWindow`), 'timeSlices.target': onSlo(`${at}.timeSliceTarget`) };
      return { ...common, ...slices, objective: onSlo(`${at}.${target}`) };
    },
  };
}
