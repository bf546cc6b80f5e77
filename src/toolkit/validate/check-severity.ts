/** Severity words: the alert label `severity`, routed and matched as written. */
import type { ProblemSink } from '../../core/diagnostics/problem.js';
import { didYouMean } from './hints.js';

const SEVERITY = /^[a-z][a-z0-9_-]*$/;

export function checkSeverity(field: string, value: string, sink: ProblemSink): boolean {
  if (!SEVERITY.test(value)) {
    const hint = SEVERITY.test(value.trim().toLowerCase()) ? `"${value.trim().toLowerCase()}"` : undefined;
    sink.error('severity', field, `must be a lowercase word such as "critical" or "warning", got ${JSON.stringify(value)}${didYouMean(hint)}`);
    return false;
  }
  return true;
}
