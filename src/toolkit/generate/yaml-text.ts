/**
 * YAML text of the generated files: byte for byte what the `yaml` library's
 * `stringify(value, { lineWidth: 0, indent: 2 })` writes, without building its document tree, which made
 * serialisation the bulk of `burnrate generate`. It covers what generators hand it (plain objects, arrays,
 * strings, finite numbers, booleans, null) and follows the library: block style, a repeated object written
 * once with an anchor and then as an alias, the same plain-or-quoted choice for strings. Strings it cannot
 * write plain are quoted by the library itself; anything else (odd keys, unusual multi-line strings, other
 * value types) falls back to the library for the whole document.
 */
import { Document, stringify } from 'yaml';

const OPTIONS = { lineWidth: 0, indent: 2 } as const;

/** Thrown inside: the value has something only the library writes. */
class Unsupported extends Error {}

// The library's tests (stringifyString.js): a plain scalar may not start with an indicator, hold ': ' or
// ' #', or end in a space or colon; control characters force double quotes.
const PLAIN_FORBIDDEN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const FLOW_INDICATOR = /[\n[\]{},]/;
/** A plain string that would read back as null, a boolean or a number (the core schema's own tests). */
const OTHER_TYPE_TESTS: RegExp[] = new Document({}).schema.tags
  .filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test !== undefined)
  .map((tag) => tag.test as RegExp);

/** Any control character or surrogate: a native scan that rules out almost all text before the loop below. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]/;

/** Control characters and unpaired surrogates, which the library writes double-quoted. */
function hasControlCharacter(text: string): boolean {
  if (!SUSPECT.test(text)) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x08 || (code >= 0x0b && code <= 0x1f) || (code >= 0x7f && code <= 0x9f)) return true;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

function readsAsOtherType(text: string): boolean {
  return OTHER_TYPE_TESTS.some((test) => test.test(text));
}

/**
 * Printable ASCII on one line, as the library quotes it: double quotes with JSON's escapes of `"` and `\`, or
 * single quotes when that avoids escaping a `"` (and there is no `'`).
 */
function quotedAscii(text: string): string {
  return text.includes('"') && !text.includes("'") ? `'${text}'` : JSON.stringify(text);
}

/** Quoted renderings, from the library (a map value's rendering is the same at any depth when it is one line). */
const quotedCache = new Map<string, string>();
function quoted(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return quotedAscii(text);
  let rendered = quotedCache.get(text);
  if (rendered === undefined) {
    const whole = stringify({ k: text }, OPTIONS);
    rendered = whole.slice(3, -1);
    if (!whole.startsWith('k: ') || rendered.includes('\n')) throw new Unsupported();
    quotedCache.set(text, rendered);
  }
  return rendered;
}

/** A multi-line string as a literal block, "strip" chomping: only the shapes the library writes that way. */
function literalBlock(text: string, indent: string): string {
  if (/^[\n ]|[\n\t ]$/.test(text) || hasControlCharacter(text)) throw new Unsupported();
  return `|-\n${indent}${text.replace(/\n+/g, `$&${indent}`)}`;
}

/**
 * One-line strings and keys recur across and within files, and their renderings do not depend on where they
 * stand; bounded, so a long-lived process does not keep every string it ever wrote.
 */
const CACHE_LIMIT = 100_000;
const lineCache = new Map<string, string>();
const keyCache = new Map<string, string>();

function remember(cache: Map<string, string>, text: string, rendered: string): string {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, rendered);
  return rendered;
}

/** A string as a map value or list item; `indent` is where a block scalar's lines start. */
function stringText(text: string, indent: string): string {
  if (text.includes('\n')) return literalBlock(text, indent);
  const rendered = lineCache.get(text);
  if (rendered !== undefined) return rendered;
  return remember(lineCache, text, PLAIN_FORBIDDEN.test(text) || hasControlCharacter(text) || readsAsOtherType(text) ? quoted(text) : text);
}

function keyText(key: string): string {
  if (keyCache.has(key)) return key;
  if (key.length > 1024 || PLAIN_FORBIDDEN.test(key) || FLOW_INDICATOR.test(key) || hasControlCharacter(key) || DOCUMENT_MARKER.test(key) || readsAsOtherType(key)) {
    throw new Unsupported();
  }
  return remember(keyCache, key, key);
}

function scalarText(value: unknown, indent: string): string {
  if (typeof value === 'string') return stringText(value, indent);
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new Unsupported();
    return JSON.stringify(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  throw new Unsupported();
}

type Collection = Record<string, unknown> | unknown[];

function isCollection(value: unknown): value is Collection {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new Unsupported();
  return true;
}

/** Whether the collection writes no entries (a map whose values are all undefined counts as empty). */
function isEmpty(collection: Collection): boolean {
  if (Array.isArray(collection)) {
    if (collection.includes(undefined)) throw new Unsupported();
    return collection.length === 0;
  }
  for (const key of Object.keys(collection)) if (collection[key] !== undefined) return false;
  return true;
}

/**
 * The anchors the library gives repeated objects: in document order, named a1, a2, … as each is met the
 * second time; an alias is not walked into.
 */
function anchorsOf(root: unknown): Map<object, string> {
  const seen = new Set<object>();
  const anchors = new Map<object, string>();
  const visit = (value: unknown): void => {
    if (!isCollection(value)) return;
    if (seen.has(value)) {
      if (!anchors.has(value)) anchors.set(value, `a${anchors.size + 1}`);
      return;
    }
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item === undefined) throw new Unsupported();
        visit(item);
      }
    } else {
      for (const key of Object.keys(value)) visit(value[key]);
    }
  };
  visit(root);
  return anchors;
}

/**
 * Collects the lines' pieces and joins them once: the result is one flat string. (Appending with += leaves V8 a
 * tree of every piece, which the files keep until written, at a high cost in garbage collection.)
 */
class Writer {
  readonly parts: string[] = [];
  private readonly written = new Set<object>();

  constructor(private readonly anchors: Map<object, string>) {}

  /** `prefix` is "key:" or "-"; the value goes after it, or below it at `indent`. */
  value(prefix: string, value: unknown, indent: string, inline: boolean): void {
    if (!isCollection(value)) {
      this.parts.push(prefix, ' ', scalarText(value, indent), '\n');
      return;
    }
    const anchor = this.anchors.size === 0 ? undefined : this.anchors.get(value);
    if (anchor !== undefined && this.written.has(value)) {
      this.parts.push(prefix, ' *', anchor, '\n');
      return;
    }
    if (anchor !== undefined) this.written.add(value);
    const tag = anchor === undefined ? '' : ` &${anchor}`;
    if (isEmpty(value)) {
      this.parts.push(prefix, tag, Array.isArray(value) ? ' []\n' : ' {}\n');
      return;
    }
    if (inline && tag === '') {
      // A list item's collection starts on the dash's line: "- key: value", "- - item".
      this.collection(value, indent, `${prefix} `);
      return;
    }
    this.parts.push(prefix, tag, '\n');
    this.collection(value, indent, indent);
  }

  /** `first` stands before the first entry instead of `indent` (the dash of an enclosing list item). */
  collection(value: Collection, indent: string, first: string): void {
    const deeper = `${indent}  `;
    let lead = first;
    if (Array.isArray(value)) {
      for (const item of value) {
        this.value(`${lead}-`, item, deeper, true);
        lead = indent;
      }
    } else {
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (item === undefined) continue;
        this.value(`${lead}${keyText(key)}:`, item, deeper, false);
        lead = indent;
      }
    }
  }
}

function fastText(value: unknown): string {
  if (!isCollection(value)) throw new Unsupported();
  const writer = new Writer(anchorsOf(value));
  if (isEmpty(value)) return Array.isArray(value) ? '[]\n' : '{}\n';
  writer.collection(value, '', '');
  return writer.parts.join('');
}

/** `stringify(value, { lineWidth: 0, indent: 2 })` of the `yaml` library, faster. */
export function yamlText(value: unknown): string {
  try {
    return fastText(value);
  } catch (error) {
    if (error instanceof Unsupported) return stringify(value, OPTIONS);
    throw error;
  }
}

/** The same text two spaces deeper, as when the value is written under a key one level further down. */
export function indentYaml(text: string): string {
  // Without \r, U+2028 or U+2029 (also line ends to the `m` flag), only newlines start lines: a faster scan.
  if (/[\r\u2028\u2029]/.test(text)) return text.replace(/^(?=.)/gm, '  ');
  return (text === '' || text.startsWith('\n') ? '' : '  ') + text.replace(/\n(?=[^\n])/g, '\n  ');
}
