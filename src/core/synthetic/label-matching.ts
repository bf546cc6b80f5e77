/**
 * Does a label set match a selector? Prometheus anchors regex matchers (`^(?:re)$`) and treats a
 * missing label as the empty string; this mirrors both so synthetic series are checked, not assumed.
 */
import type { LabelMatcher, ParsedSelector } from '../promql/promql.js';

/** A series' labels, the metric name under `__name__`. */
export type LabelSet = Readonly<Record<string, string>>;

/** RE2 inline flags at the start (`(?i)`) become JavaScript flags. */
export function splitRegexFlags(pattern: string): { source: string; flags: string } {
  const match = /^\(\?([imsU]+)\)/.exec(pattern);
  if (!match) return { source: pattern, flags: '' };
  const flags = [...new Set(match[1] ?? '')].filter((f) => f === 'i' || f === 's').join('');
  return { source: pattern.slice(match[0].length), flags };
}

/** The matcher's regex anchored like Prometheus does, or undefined when JavaScript cannot read it. */
export function anchoredRegex(pattern: string): RegExp | undefined {
  const { source, flags } = splitRegexFlags(pattern);
  for (const extra of ['', 'u']) {
    try {
      return new RegExp(`^(?:${source})$`, flags + extra);
    } catch {
      // try the next flavour
    }
  }
  return undefined;
}

export function matchesMatcher(labels: LabelSet, matcher: LabelMatcher): boolean {
  const value = labels[matcher.name] ?? '';
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return anchoredRegex(matcher.value)?.test(value) ?? false;
    case '!~': {
      const regex = anchoredRegex(matcher.value);
      return regex !== undefined && !regex.test(value);
    }
  }
}

export function matchesSelector(labels: LabelSet, selector: ParsedSelector): boolean {
  if (selector.metric !== undefined && labels.__name__ !== selector.metric) return false;
  return selector.matchers.every((m) => matchesMatcher(labels, m));
}

/** `metric{a="1",b="2"}` in promtool's series notation, labels sorted, empty values left out. */
export function seriesText(labels: LabelSet): string {
  const body = Object.keys(labels)
    .filter((name) => name !== '__name__' && labels[name] !== '')
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(',');
  return `${labels.__name__ ?? ''}{${body}}`;
}
