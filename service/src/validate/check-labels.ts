/** Label names and groupBy lists. */
import { RESERVED_LABELS } from '../conventions/metrics.js';
import type { ProblemSink } from './problem.js';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function checkLabelMap(field: string, labels: Record<string, string> | undefined, sink: ProblemSink): boolean {
  let ok = true;
  for (const name of Object.keys(labels ?? {})) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      sink.error('label-name', `${field}.${name}`, `label names must match [a-zA-Z_][a-zA-Z0-9_]* and not start with "__", got "${name}"`);
      ok = false;
    } else if ((RESERVED_LABELS as readonly string[]).includes(name)) {
      sink.error('label-reserved', `${field}.${name}`, `"${name}" is set by Burnrate itself; choose another label name`);
      ok = false;
    }
  }
  return ok;
}

export function checkGroupBy(groupBy: readonly string[], sink: ProblemSink): boolean {
  let ok = true;
  const seen = new Set<string>();
  groupBy.forEach((name, index) => {
    const field = `groupBy[${index}]`;
    if (!LABEL_NAME.test(name)) {
      sink.error('label-name', field, `must be a label name matching [a-zA-Z_][a-zA-Z0-9_]*, got "${name}"`);
      ok = false;
    } else if ((RESERVED_LABELS as readonly string[]).includes(name)) {
      sink.error('label-reserved', field, `"${name}" is set by Burnrate itself and cannot be grouped by`);
      ok = false;
    } else if (seen.has(name)) {
      sink.error('groupby-duplicate', field, `"${name}" is listed twice`);
      ok = false;
    }
    seen.add(name);
  });
  return ok;
}
