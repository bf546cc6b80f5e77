/**
 * Label sets for synthetic series, built from the author's matchers: `=` takes the value, `=~` a
 * deterministic sample of the regex, `!=`/`!~` a value outside it. Every result is checked with
 * label-matching.ts, so a label set is returned only when it provably matches.
 */
import RandExp from 'randexp';
import type { LabelMatcher, ParsedSelector } from '../promql/promql.js';
import { matchesMatcher, matchesSelector, splitRegexFlags, type LabelSet } from './label-matching.js';

const FILLER = 'burnrate-test';
const OTHER = 'burnrate-other';
const SAMPLE_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** mulberry32: a tiny seeded generator, so generated files never change between runs. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A string the regex matches, drawn deterministically; short and plain where the regex allows. */
export function regexSample(pattern: string, seed: number): string | undefined {
  const { source, flags } = splitRegexFlags(pattern);
  try {
    const generator = new RandExp(source, flags);
    const random = seededRandom(seed);
    generator.max = 3;
    generator.defaultRange.subtract(32, 126);
    generator.defaultRange.add(48, 57);
    generator.randInt = (from, to) => from + Math.floor(random() * (to - from + 1));
    return generator.gen();
  } catch {
    return undefined;
  }
}

/** Deterministic, and the same few patterns (`5..`) recur in most SLOs; sampling is the costly part. */
const samplesByPattern = new Map<string, readonly string[]>();

function samples(pattern: string): readonly string[] {
  let found = samplesByPattern.get(pattern);
  if (found === undefined) {
    found = Object.freeze(SAMPLE_SEEDS.map((seed) => regexSample(pattern, seed)).filter((s): s is string => s !== undefined));
    if (samplesByPattern.size < 10_000) samplesByPattern.set(pattern, found);
  }
  return found;
}

/** Candidate values for one label that satisfy its matchers, preferred value first. */
function satisfyingCandidates(matchers: readonly LabelMatcher[], preferred?: string): string[] {
  const candidates = [
    ...(preferred !== undefined ? [preferred] : []),
    ...matchers.filter((m) => m.op === '=').map((m) => m.value),
    ...matchers.filter((m) => m.op === '=~').flatMap((m) => samples(m.value)),
    FILLER,
    '',
  ];
  return candidates.filter((value) => matchers.every((m) => matchesMatcher({ v: value }, { ...m, name: 'v' })));
}

/** Values that break one matcher. */
function violatingCandidates(matcher: LabelMatcher): string[] {
  switch (matcher.op) {
    case '=':
      return [OTHER, `${matcher.value}-other`, ''];
    case '!=':
      return [matcher.value];
    case '=~':
      return [OTHER, '', 'x'];
    case '!~':
      return [...samples(matcher.value), ''];
  }
}

function withValue(labels: LabelSet, name: string, value: string): LabelSet {
  const next: Record<string, string> = { ...labels };
  if (value === '') delete next[name];
  else next[name] = value;
  return next;
}

/** One value for a label that every matcher on it accepts, trying `preferred` first. */
export function labelValue(matchers: readonly LabelMatcher[], preferred?: string): string | undefined {
  return satisfyingCandidates(matchers, preferred)[0];
}

/** A label set matched by every selector, or undefined (different metric names, contradicting matchers). */
export function synthesizeLabels(selectors: readonly ParsedSelector[], preferred: LabelSet = {}): LabelSet | undefined {
  const metrics = new Set(selectors.map((s) => s.metric).filter((m): m is string => m !== undefined));
  if (metrics.size > 1) return undefined;
  const matchers = selectors.flatMap((s) => s.matchers);
  let labels: LabelSet = metrics.size === 1 ? { __name__: [...metrics][0] ?? '' } : {};
  const names = new Set([...matchers.map((m) => m.name), ...Object.keys(preferred)]);
  names.delete('__name__');
  for (const name of [...names].sort()) {
    const value = labelValue(
      matchers.filter((m) => m.name === name),
      preferred[name],
    );
    if (value === undefined) return undefined;
    labels = withValue(labels, name, value);
  }
  return selectors.every((s) => matchesSelector(labels, s)) ? labels : undefined;
}

/**
 * `base` changed in one label so that it still matches `keep` but no longer matches `avoid`:
 * a series counted by the total but not by the good (or errors) selector. Labels in `frozen` stay.
 */
export function violateSelector(base: LabelSet, keep: ParsedSelector, avoid: ParsedSelector, frozen: readonly string[]): LabelSet | undefined {
  for (const matcher of avoid.matchers) {
    if (matcher.name === '__name__' || frozen.includes(matcher.name)) continue;
    for (const value of violatingCandidates(matcher)) {
      const labels = withValue(base, matcher.name, value);
      if (matchesSelector(labels, keep) && !matchesSelector(labels, avoid)) return labels;
    }
  }
  return undefined;
}
