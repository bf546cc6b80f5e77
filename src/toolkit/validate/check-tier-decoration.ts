/**
 * What a burn tier carries of its own (labels, annotations) and the name both burn alerts may keep.
 * These come from imported specs (Sloth's page_alert/ticket_alert, its and Pyrra's alert names), so
 * routes, receivers and dashboards that match them keep working.
 */
import { ALERT_NAMES } from '../../core/conventions/metrics.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';
import type { TierDecoration } from '../sdk/types.js';
import { checkLabelMap } from './check-labels.js';

const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** `{{ $labels.name }}`: the only template promtool expectations can expand (expected-alerts.ts). */
const LABEL_TEMPLATE = /\{\{\s*\$labels\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}/g;

function checkAnnotations(field: string, annotations: Readonly<Record<string, string>> | undefined, sink: ProblemSink): boolean {
  let ok = true;
  for (const [name, value] of Object.entries(annotations ?? {})) {
    if (!NAME.test(name)) {
      sink.error('annotation-name', `${field}.${name}`, `annotation names must match [a-zA-Z_][a-zA-Z0-9_]* (Prometheus refuses others), got ${JSON.stringify(name)}`);
      ok = false;
    } else if (value.replace(LABEL_TEMPLATE, '').includes('{{')) {
      sink.error(
        'annotation-template',
        `${field}.${name}`,
        `templates other than {{ $labels.<name> }} are not supported (Burnrate proves every annotation in promtool tests, which can expand only those); write the text without them, got ${JSON.stringify(value)}`,
      );
      ok = false;
    }
  }
  return ok;
}

/** The tier's own labels and annotations, or undefined (with problems) when one is unusable. */
export function checkTierDecoration(field: string, input: TierDecoration, sink: ProblemSink): { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined {
  let ok = checkLabelMap(`${field}.labels`, input.labels, sink, false);
  ok = checkAnnotations(`${field}.annotations`, input.annotations, sink) && ok;
  if (!ok) return undefined;
  const labels = input.labels && Object.keys(input.labels).length > 0 ? { labels: { ...input.labels } } : {};
  const annotations = input.annotations && Object.keys(input.annotations).length > 0 ? { annotations: { ...input.annotations } } : {};
  return { ...labels, ...annotations };
}

export function checkBurnAlertName(name: string | undefined, sink: ProblemSink): boolean {
  if (name === undefined) return true;
  if (!NAME.test(name)) {
    sink.error('alert-name', 'alerting.burnAlertName', `must be a Prometheus alert name ([a-zA-Z_][a-zA-Z0-9_]*), got ${JSON.stringify(name)}`);
    return false;
  }
  if (name === ALERT_NAMES.noData || name === ALERT_NAMES.budgetExhausted) {
    sink.error('alert-name', 'alerting.burnAlertName', `"${name}" is the name of Burnrate's ${name === ALERT_NAMES.noData ? 'no-data' : 'budget-exhausted'} alert; choose another name for the burn alerts`);
    return false;
  }
  return true;
}
