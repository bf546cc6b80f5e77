/** Label names and groupBy lists. */
import { MAPPED_LABELS, RESERVED_GROUP_BY_LABELS, RESERVED_LABELS } from '../../core/conventions/metrics.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function isReservedForGroupBy(name: string): boolean {
  return (RESERVED_GROUP_BY_LABELS as readonly string[]).includes(name);
}

export function isMappedLabel(name: string): name is (typeof MAPPED_LABELS)[number] {
  return (MAPPED_LABELS as readonly string[]).includes(name);
}

/** The labels without those Burnrate maps onto its own settings (team, service, severity). */
export function ownLabels(labels: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(labels ?? {}).filter(([name]) => !isMappedLabel(name)));
}

/** A valid label name for a typo such as "team-name" or "1tier". */
function labelNameHint(name: string): string {
  const hint = name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(\d)/, '_$1').replace(/^__+/, '');
  return LABEL_NAME.test(hint) && hint !== name ? `; did you mean "${hint}"?` : '';
}

const MAPPED_ELSEWHERE: Record<(typeof MAPPED_LABELS)[number], string> = {
  team: 'set the owning team with team (or the label "team" of the SLO)',
  service: 'it is the SLO\'s service',
  severity: 'set this alert\'s severity with its severity field',
};

/**
 * Names and values of an author's label map. `team`, `service` and `severity` are left to the mapping
 * (check-mapped-labels.ts) where `mapped` is true (the labels of a set or SLO, `alerting.labels`); elsewhere
 * (a tier's own labels) they are refused with the field that sets them.
 */
export function checkLabelMap(field: string, labels: Record<string, string> | undefined, sink: ProblemSink, mapped = true): boolean {
  let ok = true;
  for (const [name, value] of Object.entries(labels ?? {})) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      sink.error('label-name', `${field}.${name}`, `label names must match [a-zA-Z_][a-zA-Z0-9_]* and not start with "__", got "${name}"${labelNameHint(name)}`);
      ok = false;
    } else if ((RESERVED_LABELS as readonly string[]).includes(name)) {
      sink.error('label-reserved', `${field}.${name}`, `"${name}" is set by Burnrate itself (reserved: ${RESERVED_LABELS.join(', ')} and names starting with "__"); choose another label name`);
      ok = false;
    } else if (isMappedLabel(name)) {
      if (!mapped) {
        sink.error('label-reserved', `${field}.${name}`, `"${name}" is set by Burnrate on every alert; ${MAPPED_ELSEWHERE[name]}`);
        ok = false;
      }
    } else if (value === '') {
      sink.warning('label-empty', `${field}.${name}`, 'an empty value removes the label in Prometheus; give a value or drop the label');
    }
  }
  return ok;
}

/** The groupBy labels that passed checkGroupBy, so later checks do not repeat its complaints. */
export function usableGroupBy(groupBy: readonly string[]): string[] {
  return [...new Set(groupBy.filter((name) => LABEL_NAME.test(name) && !name.startsWith('__') && !isReservedForGroupBy(name)))];
}

export function checkGroupBy(groupBy: readonly string[], sink: ProblemSink): boolean {
  let ok = true;
  const seen = new Set<string>();
  groupBy.forEach((name, index) => {
    const field = `groupBy[${index}]`;
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      sink.error('label-name', field, `must be a label name matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with "__", got "${name}"${labelNameHint(name)}`);
      ok = false;
    } else if (isReservedForGroupBy(name)) {
      sink.error('label-reserved', field, `"${name}" is set by Burnrate itself and cannot be grouped by (reserved: ${RESERVED_GROUP_BY_LABELS.join(', ')})`);
      ok = false;
    } else if (seen.has(name)) {
      sink.error('groupby-duplicate', field, `"${name}" is listed twice`);
      ok = false;
    }
    seen.add(name);
  });
  return ok;
}
