/** Turns schema failures into problems that name the field, say what was expected and suggest fixes. */
import type { z } from 'zod';
import { closestName } from '../../core/diagnostics/closest-name.js';
import { describeValue, expectedAt } from './expected-values.js';
import { didYouMean } from './hints.js';
import { SLI_KIND_NAMES } from '../../core/sli/sli-kinds.js';
import { KNOWN_FIELDS, sloSchema, sloSetSchema } from './input-schema.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

interface Context {
  input: unknown;
  sink: ProblemSink;
  /** Field names allowed in the object at a path, for "did you mean". */
  known: (path: Path) => readonly string[];
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

function fieldName(path: Path): string {
  return path.map(String).join('.');
}

function knownInSlo(path: Path, input: unknown): readonly string[] {
  if (path.length === 0) return KNOWN_FIELDS.slo ?? [];
  const key = fieldName(path);
  if (key === 'sli') return KNOWN_FIELDS[`sli.${String((valueAt(input, ['sli']) as { kind?: unknown })?.kind)}`] ?? [];
  return KNOWN_FIELDS[key] ?? [];
}

/** Unknown keys that look like typos of a required field already explain that field's absence. */
function typoTargets(issues: readonly Issue[], ctx: Context): Set<string> {
  const targets = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    for (const key of issue.keys) {
      const hint = closestName(key, ctx.known(issue.path));
      if (hint) targets.add(fieldName([...issue.path, hint]));
    }
  }
  return targets;
}

function wrongValue(path: Path, got: unknown, fallback: string, ctx: Context): void {
  const field = fieldName(path);
  const expected = expectedAt(path) ?? fallback;
  if (got === undefined) {
    ctx.sink.error('missing-field', field, `is required: ${expected}`);
    return;
  }
  const quoted = typeof got === 'string' && got.trim() !== '' && Number.isFinite(Number(got)) && expected.includes('(number)');
  ctx.sink.error('wrong-type', field || undefined, `must be ${expected}, got ${describeValue(got)}${quoted ? '; write the number without quotes' : ''}`);
}

function reportUnion(issue: Extract<Issue, { code: 'invalid_union' }>, ctx: Context, skip: Set<string>): void {
  const got = valueAt(ctx.input, issue.path);
  if ('discriminator' in issue && issue.discriminator === 'kind') {
    const kindPath = issue.path.at(-1) === 'kind' ? issue.path : [...issue.path, 'kind'];
    const field = fieldName(kindPath);
    const kind = issue.path.at(-1) === 'kind' ? got : (got as { kind?: unknown })?.kind;
    if (kind === undefined) ctx.sink.error('sli-kind', field, `is required: one of ${SLI_KIND_NAMES.join(', ')}`);
    else {
      const hint = typeof kind === 'string' ? closestName(kind, SLI_KIND_NAMES) : undefined;
      ctx.sink.error('sli-kind', field, `must be one of ${SLI_KIND_NAMES.join(', ')}, got ${describeValue(kind)}${didYouMean(hint && `"${hint}"`)}`);
    }
    return;
  }
  // An object that failed the object branch: its own issues say more than "invalid input".
  const objectBranch = issue.errors.find((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  if (typeof got === 'object' && got !== null && objectBranch) {
    const nested = objectBranch.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue);
    reportAll(nested, ctx, new Set([...skip, ...typoTargets(nested, ctx)]));
    return;
  }
  const expectedTypes = issue.errors.flatMap((branch) => branch.filter((i) => i.code === 'invalid_type').map((i) => (i as { expected: string }).expected));
  wrongValue(issue.path, got, [...new Set(expectedTypes)].join(' or '), ctx);
}

function reportIssue(issue: Issue, ctx: Context, skip: Set<string>): void {
  const field = fieldName(issue.path);
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      const hint = closestName(key, ctx.known(issue.path));
      ctx.sink.error('unknown-field', fieldName([...issue.path, key]), `unknown field${didYouMean(hint && `"${hint}"`)}`);
    }
    return;
  }
  if (issue.code === 'invalid_union') return reportUnion(issue, ctx, skip);
  const got = valueAt(ctx.input, issue.path);
  if (issue.code === 'invalid_type') {
    if (got === undefined && skip.has(field)) return;
    return wrongValue(issue.path, got, issue.expected, ctx);
  }
  if (issue.code === 'invalid_value') {
    const options = issue.values.map((v) => JSON.stringify(v));
    const hint = typeof got === 'string' ? closestName(got, issue.values.map(String)) : undefined;
    ctx.sink.error('invalid-value', field, `must be one of ${options.join(', ')}, got ${describeValue(got)}${didYouMean(hint && `"${hint}"`)}`);
    return;
  }
  ctx.sink.error('invalid-value', field || undefined, `${issue.message}, got ${describeValue(got)}`);
}

function reportAll(issues: readonly Issue[], ctx: Context, skip = typoTargets(issues, ctx)): void {
  for (const issue of issues) reportIssue(issue, ctx, skip);
}

/** Checks the shape of the set's top level; returns false when the SLOs cannot be read at all. */
export function checkSetShape(input: unknown, sink: ProblemSink): boolean {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    sink.error('wrong-type', undefined, `must export an SLO set made with defineSlos({ service, team, slos }), got ${describeValue(input)}`);
    return false;
  }
  const result = sloSetSchema.safeParse(input);
  if (result.success) return true;
  reportAll(result.error.issues, { input, sink, known: (p) => (p.length === 0 ? (KNOWN_FIELDS.set ?? []) : []) });
  const slos = (input as { slos?: unknown }).slos;
  return typeof slos === 'object' && slos !== null && !Array.isArray(slos);
}

/** Checks one SLO's shape; returns true when it can go on to the value checks. */
export function checkSloShape(input: unknown, sink: ProblemSink): boolean {
  const result = sloSchema.safeParse(input);
  if (result.success) return true;
  reportAll(result.error.issues, { input, sink, known: (p) => knownInSlo(p, input) });
  return false;
}
