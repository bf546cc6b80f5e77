/** Label names and groupBy lists. */
import { RESERVED_LABELS } from '../../core/conventions/metrics.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function isReserved(name: string): boolean {
  return (RESERVED_LABELS as readonly string[]).includes(name);
}

/** A valid label name for a typo such as "team-name" or "1tier". */
function labelNameHint(name: string): string {
  const hint = name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(\d)/, '_$1').replace(/^__+/, '');
  return LABEL_NAME.test(hint) && hint !== name ? `; did you mean "${hint}"?` : '';
}

export function checkLabelMap(field: string, labels: Record<string, string> | undefined, sink: ProblemSink): boolean {
  let ok = true;
  for (const [name, value] of Object.entries(labels ?? {})) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      sink.error('label-name', `${field}.${name}`, `label names must match [a-zA-Z_][a-zA-Z0-9_]* and not start with "__", got "${name}"${labelNameHint(name)}`);
      ok = false;
    } else if (isReserved(name)) {
      sink.error('label-reserved', `${field}.${name}`, `"${name}" is set by Burnrate itself (reserved: ${RESERVED_LABELS.join(', ')}); choose another label name`);
      ok = false;
    } else if (value === '') {
      sink.warning('label-empty', `${field}.${name}`, 'an empty value removes the label in Prometheus; give a value or drop the label');
    }
  }
  return ok;
}

/** The groupBy labels that passed checkGroupBy, so later checks do not repeat its complaints. */
export function usableGroupBy(groupBy: readonly string[]): string[] {
  return [...new Set(groupBy.filter((name) => LABEL_NAME.test(name) && !name.startsWith('__') && !isReserved(name)))];
}

export function checkGroupBy(groupBy: readonly string[], sink: ProblemSink): boolean {
  let ok = true;
  const seen = new Set<string>();
  groupBy.forEach((name, index) => {
    const field = `groupBy[${index}]`;
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      sink.error('label-name', field, `must be a label name matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with "__", got "${name}"${labelNameHint(name)}`);
      ok = false;
    } else if (isReserved(name)) {
      sink.error('label-reserved', field, `"${name}" is set by Burnrate itself and cannot be grouped by (reserved: ${RESERVED_LABELS.join(', ')})`);
      ok = false;
    } else if (seen.has(name)) {
      sink.error('groupby-duplicate', field, `"${name}" is listed twice`);
      ok = false;
    }
    seen.add(name);
  });
  return ok;
}
