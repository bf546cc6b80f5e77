/** Value checks of one SLO; returns the frozen-to-be model when everything holds. */
import { alertingPeriodMs } from '../../core/windows/alert-windows.js';
import type { Slo } from '../../core/model/slo.js';
import type { SloInput, SloSetInput } from '../sdk/types.js';
import { checkAlertWindows } from './check-alert-windows.js';
import { checkAlerting } from './check-alerting.js';
import { checkGroupBy, checkLabelMap, ownLabels, usableGroupBy } from './check-labels.js';
import { checkSloMapping, type SetMapping } from './check-mapped-labels.js';
import { checkSli } from './check-sli.js';
import { checkWindow } from './check-window.js';
import { checkTimeSlices, defaultSliceMinEvents } from './check-time-slices.js';
import { didYouMean, nameHint } from './hints.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';
import { hasEventCounts } from '../../core/sli/sli-kinds.js';

export const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function checkUrl(field: string, value: string | undefined, sink: ProblemSink): boolean {
  if (value === undefined) return true;
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return true;
  } catch {
    // reported below
  }
  const hint = /^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(value) ? `"https://${value}"` : undefined;
  sink.error('url', field, `must be an absolute http(s) URL such as "https://runbooks.example.com/checkout", got ${JSON.stringify(value)}${didYouMean(hint)}`);
  return false;
}

/** Service and SLO names become ids, label values and file names: lowercase words joined by dashes. */
export function checkName(what: 'service' | 'SLO', name: string, field: string | undefined, sink: ProblemSink): boolean {
  if (NAME_PATTERN.test(name)) return true;
  const hint = nameHint(name);
  sink.error(what === 'SLO' ? 'slo-name' : 'service-name', field, `${what} names must be lowercase words joined by dashes such as "${what === 'SLO' ? 'api-latency' : 'checkout'}", got ${JSON.stringify(name)}${didYouMean(hint && `"${hint}"`)}`);
  return false;
}

export function checkObjective(objective: number, sink: ProblemSink): boolean {
  if (!Number.isFinite(objective) || objective <= 0) {
    sink.error('objective-range', 'objective', `must be above 0 (a percentage such as 99.9), got ${objective}`);
    return false;
  }
  if (objective >= 100) {
    sink.error('objective-range', 'objective', `must be below 100 (100% leaves no error budget), got ${objective}`);
    return false;
  }
  if (objective < 1) {
    sink.warning('objective-ratio', 'objective', `${objective} looks like a ratio; objectives are percentages (did you mean ${Number((objective * 100).toPrecision(12))}?)`);
  }
  return true;
}

export function checkSlo(
  set: SloSetInput,
  name: string,
  input: SloInput,
  source: Slo['source'],
  sink: ProblemSink,
  setMapping: SetMapping = {},
): Slo | undefined {
  let ok = checkName('SLO', name, undefined, sink);
  const mapping = checkSloMapping(input, setMapping, set.service, sink);
  ok = mapping.ok && ok;
  ok = checkObjective(input.objective, sink) && ok;
  const window = checkWindow(input.window, sink);
  if (window) checkAlertWindows(window, sink);
  const groupBy = input.groupBy ?? [];
  ok = checkGroupBy(groupBy, sink) && ok;
  const sli = checkSli(input.sli, usableGroupBy(groupBy), sink);
  const slices = checkTimeSlices(input.timeSlices, sli, window, sink);
  ok = slices.ok && ok;
  ok = checkLabelMap('labels', input.labels, sink) && ok;
  ok = checkUrl('runbookUrl', input.runbookUrl, sink) && ok;
  ok = checkUrl('dashboardUrl', input.dashboardUrl, sink) && ok;
  const checkedAlerting = checkAlerting(input.alerting, window ? alertingPeriodMs(window) : Infinity, sink, mapping.severity);
  const alerting =
    checkedAlerting && window && slices.timeSlices && input.alerting?.minEvents === undefined
      ? { ...checkedAlerting, minEvents: defaultSliceMinEvents(window, slices.timeSlices.sliceSeconds) }
      : checkedAlerting;
  if (sli && !hasEventCounts(sli) && input.alerting?.minEvents !== undefined && input.alerting.minEvents > 0) {
    sink.warning('raw-min-events', 'alerting.minEvents', 'raw SLIs have no event counts, so the low-traffic guard cannot apply');
  }
  if (!ok || !window || !sli || !alerting) return undefined;
  const runbookUrl = input.runbookUrl ?? set.runbookUrl;
  const dashboardUrl = input.dashboardUrl ?? set.dashboardUrl;
  return {
    id: `${set.service}-${name}`,
    name,
    service: set.service,
    // The set's team, else the SLO's label "team", else (with the set's warning) the service's name.
    team: setMapping.team ?? mapping.team ?? set.service,
    description: input.description ?? '',
    objectivePercent: input.objective,
    window,
    sli,
    ...(slices.timeSlices ? { timeSlices: slices.timeSlices } : {}),
    groupBy: [...groupBy],
    labels: ownLabels({ ...(set.labels ?? {}), ...(input.labels ?? {}) }),
    ...(runbookUrl !== undefined ? { runbookUrl } : {}),
    ...(dashboardUrl !== undefined ? { dashboardUrl } : {}),
    alerting: hasEventCounts(sli) ? alerting : { ...alerting, minEvents: 0 },
    source,
  };
}
