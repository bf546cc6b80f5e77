/** Turns schema failures into problems that name the field and what was expected. */
import type { z } from 'zod';
import { closestName } from './closest-name.js';
import { KNOWN_FIELDS, SLI_KINDS, sloSchema, sloSetSchema } from './input-schema.js';
import type { ProblemSink } from './problem.js';

type Issue = z.core.$ZodIssue;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function knownFieldsAt(path: readonly PropertyKey[], input: unknown): readonly string[] {
  const last = path.at(-1);
  if (path.length === 0) return KNOWN_FIELDS.slo ?? [];
  if (last === 'alerting') return KNOWN_FIELDS.alerting ?? [];
  if (last === 'sli') {
    const kind = (input as { sli?: { kind?: string } })?.sli?.kind;
    return KNOWN_FIELDS[`sli.${kind}`] ?? [];
  }
  return [];
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

function reportIssue(issue: Issue, input: unknown, sink: ProblemSink, prefix: readonly PropertyKey[], known: (p: readonly PropertyKey[]) => readonly string[]): void {
  const path = [...prefix, ...issue.path];
  const field = path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      const hint = closestName(key, known(issue.path));
      const suggestion = hint ? `; did you mean "${hint}"?` : '';
      sink.error('unknown-field', [...path, key].join('.'), `unknown field${suggestion}`);
    }
    return;
  }
  const got = valueAt(input, issue.path);
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator === 'kind') {
    sink.error('sli-kind', `${field}.kind`.replace(/^\./, ''), `must be one of ${SLI_KINDS.join(', ')}, got ${describe((got as { kind?: unknown })?.kind)}`);
    return;
  }
  if (issue.code === 'invalid_type') {
    const what = got === undefined ? 'is required' : `must be ${issue.expected}, got ${describe(got)}`;
    sink.error(got === undefined ? 'missing-field' : 'wrong-type', field, got === undefined ? `${what} (${issue.expected})` : what);
    return;
  }
  sink.error('invalid-value', field, `${issue.message}, got ${describe(got)}`);
}

/** Checks the shape of the set's top level; returns false when the SLOs cannot be read at all. */
export function checkSetShape(input: unknown, sink: ProblemSink): boolean {
  const result = sloSetSchema.safeParse(input);
  if (result.success) return true;
  for (const issue of result.error.issues) {
    reportIssue(issue, input, sink, [], () => KNOWN_FIELDS.set ?? []);
  }
  return typeof (input as { slos?: unknown })?.slos === 'object' && (input as { slos?: unknown }).slos !== null;
}

/** Checks one SLO's shape; returns true when it can go on to the value checks. */
export function checkSloShape(input: unknown, sink: ProblemSink): boolean {
  const result = sloSchema.safeParse(input);
  if (result.success) return true;
  for (const issue of result.error.issues) {
    reportIssue(issue, input, sink, [], (p) => knownFieldsAt(p, input));
  }
  return false;
}
