/**
 * An SLO set in the authoring shape as a `<service>.slo.ts` file, formatted like a hand-written one:
 * canonical key order, single quotes, trailing commas, short objects on one line.
 */
import type { SloSetInput } from '../sdk/types.js';

const MAX_LINE = 100;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const KEY_ORDER = [
  // set
  'service', 'team',
  // SLO
  'description', 'objective', 'window', 'groupBy',
  // alerting and its tiers: the name, then severity (and the page's hold) before labels and annotations
  'burnAlertName', 'for', 'severity', 'keepFiringFor',
  // shared by set and SLO
  'labels', 'runbookUrl', 'dashboardUrl', 'slos', 'sli', 'timeSlices', 'alerting',
  // SLI: kind first, numerator before total; a threshold SLI's measure before its comparison
  'kind', 'good', 'errors', 'total', 'histogram', 'threshold', 'buckets', 'quantile', 'native', 'gauge', 'query', 'op', 'value',
  // time slices
  'slice', 'target',
];
/** Objects under these keys always span lines: they are what a reader scans. */
const ALWAYS_EXPANDED = new Set(['slos', 'sli']);

type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };

function quoteString(text: string): string {
  if (text.includes('\n')) return `\`${text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function quoteKey(key: string): string {
  return IDENTIFIER.test(key) ? key : quoteString(key);
}

function ordered(object: { [key: string]: Value }): [string, Value][] {
  const rank = (key: string) => {
    const index = KEY_ORDER.indexOf(key);
    return index < 0 ? KEY_ORDER.length : index;
  };
  return Object.entries(object)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => rank(a) - rank(b));
}

/** The value on one line, or undefined when it cannot be (multi-line strings). */
function inline(value: Value): string | undefined {
  if (typeof value === 'string') return value.includes('\n') ? undefined : quoteString(value);
  if (typeof value !== 'object' || value === null) return String(value);
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = inline(item);
      if (text === undefined) return undefined;
      parts.push(text);
    }
    return `[${parts.join(', ')}]`;
  }
  for (const [key, item] of ordered(value)) {
    const text = inline(item);
    if (text === undefined) return undefined;
    parts.push(`${quoteKey(key)}: ${text}`);
  }
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

function render(value: Value, indent: string, prefix: string, expand: boolean): string {
  const oneLine = inline(value);
  if (oneLine !== undefined && !expand && indent.length + prefix.length + oneLine.length + 1 <= MAX_LINE) return oneLine;
  if (typeof value === 'string' || !value || typeof value !== 'object') return oneLine ?? quoteString(String(value));
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => `${inner}${render(item, inner, '', false)},\n`).join('')}${indent}]`;
  }
  const lines = ordered(value).map(([key, item]) => {
    const keyText = `${quoteKey(key)}: `;
    return `${inner}${keyText}${render(item, inner, keyText, ALWAYS_EXPANDED.has(key))},\n`;
  });
  return `{\n${lines.join('')}${indent}}`;
}

function renderSlos(slos: SloSetInput['slos'], indent: string): string {
  const inner = `${indent}  `;
  const entries = Object.entries(slos).map(([name, slo]) => `${inner}${quoteKey(name)}: ${render(slo as unknown as Value, inner, '', true)},\n`);
  return `{\n${entries.join('')}${indent}}`;
}

export function renderSloSetFile(set: SloSetInput, comment: readonly string[]): string {
  const { slos, ...rest } = set;
  const head = ordered(rest as unknown as { [key: string]: Value }).map(([key, value]) => {
    const keyText = `${quoteKey(key)}: `;
    return `  ${keyText}${render(value, '  ', keyText, false)},\n`;
  });
  const body = `{\n${head.join('')}  slos: ${renderSlos(slos, '  ')},\n}`;
  const header = comment.map((line) => `// ${line}\n`).join('');
  return `${header}import { defineSlos } from 'burnrate';\n\nexport default defineSlos(${body});\n`;
}
