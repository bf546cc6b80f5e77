/**
 * Turns schema failures of a foreign format (OpenSLO, Sloth) into problems that name the field path in
 * the source document, e.g. `spec.objectives[0].targetPercent`, and say what was expected.
 */
import type { z } from 'zod';
import type { ProblemSink } from '../../core/diagnostics/problem.js';

export function fieldPath(parts: readonly PropertyKey[]): string {
  let path = '';
  for (const part of parts) {
    if (typeof part === 'number') path += `[${part}]`;
    else path += path === '' ? String(part) : `.${String(part)}`;
  }
  return path;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

/** Reports every issue; `format` names the format in messages ("OpenSLO v1", "Sloth prometheus/v1"). */
export function reportShapeIssues(
  error: z.ZodError,
  root: unknown,
  prefix: readonly PropertyKey[],
  format: string,
  sink: ProblemSink,
): void {
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    const got = valueAt(root, issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) sink.error('unknown-field', fieldPath([...path, key]), `is not a field of ${format} here; check the spelling`);
        break;
      case 'invalid_type':
        if (got === undefined) sink.error('missing-field', fieldPath(path), `is required (${issue.expected})`);
        else sink.error('wrong-type', fieldPath(path), `must be ${issue.expected === 'record' ? 'a map' : issue.expected}, got ${describeValue(got)}`);
        break;
      case 'invalid_value':
        sink.error('invalid-value', fieldPath(path), `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(got)}`);
        break;
      default:
        sink.error('invalid-value', fieldPath(path), `${issue.message}, got ${describeValue(got)}`);
    }
  }
}

function withoutKeys(value: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const copy = structuredClone(value) as Record<PropertyKey, unknown>;
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const holder = valueAt(copy, issue.path) as Record<string, unknown> | undefined;
    for (const key of issue.keys) if (holder) delete holder[key];
  }
  return copy;
}

/**
 * Parses `value`, reporting every issue. When the only issues are unknown fields, those are reported and
 * the rest is still read, so a typo does not hide the other problems of the document.
 */
export function parseReporting<T>(schema: z.ZodType<T>, value: unknown, prefix: readonly PropertyKey[], format: string, sink: ProblemSink): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  reportShapeIssues(result.error, value, prefix, format, sink);
  if (!result.error.issues.every((issue) => issue.code === 'unrecognized_keys')) return undefined;
  const retry = schema.safeParse(withoutKeys(value, result.error.issues));
  return retry.success ? retry.data : undefined;
}
