/**
 * A streaming JSON tokenizer over a complete body: run(budget) does about `budget` of work (bytes, plus a
 * cost per event) and returns, so a caller can pause between chunks. Events carry byte offsets; a string
 * becomes a JS string only when the consumer asks (jsonText). Validates the whole grammar (RFC 8259) with a
 * depth limit; builds no objects.
 */
import { OtlpFormatError } from './decode-state.js';
import { MAX_TEXT_BYTES, TOO_LONG } from './span-facts.js';

export interface JsonEvents {
  startObject(): void;
  endObject(): void;
  startArray(): void;
  endArray(): void;
  /** A member name; `start`..`end` are the bytes between the quotes, `escaped` when they hold a backslash. */
  key(start: number, end: number, escaped: boolean): void;
  string(start: number, end: number, escaped: boolean): void;
  number(start: number, end: number): void;
  literal(value: boolean | null): void;
}

/** Nesting OTLP needs is about 12 levels, plus whatever AnyValue arrays and maps hold. */
export const MAX_DEPTH = 128;
/** What an event costs against run()'s budget, in bytes: `{}` is 2 bytes but 2 events for the consumer. */
export const EVENT_COST = 64;
/** Longer number literals are refused: OTLP's longest are 20-digit nanoseconds. */
const MAX_NUMBER_CHARS = 256;

// States: what may come next.
const VALUE = 0;
const VALUE_OR_END = 1;
const KEY_OR_END = 2;
const KEY = 3;
const COLON = 4;
const AFTER_VALUE = 5;
const STRING = 6;
const DONE = 7;

const OBJECT = 1;
const ARRAY = 2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ESCAPES = new Set([...'"\\/bfnrt'].map((c) => c.charCodeAt(0)));

function isHex4(buf: Buffer, at: number): boolean {
  for (let i = at; i < at + 4; i++) {
    const c = buf[i] ?? 0;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

export class JsonTokenizer {
  #pos = 0;
  #state = VALUE;
  readonly #stack = new Uint8Array(MAX_DEPTH);
  #depth = 0;
  #stringStart = 0;
  #stringEscaped = false;
  #stringIsKey = false;
  /** Event costs in the current run(). */
  #spent = 0;

  constructor(
    readonly buf: Buffer,
    readonly events: JsonEvents,
  ) {}

  /** Reads on for about `budget` (bytes plus EVENT_COST per event); true once the whole body is read. */
  run(budget: number): boolean {
    const buf = this.buf;
    const start = this.#pos;
    this.#spent = 0;
    while (this.#pos < buf.length && this.#pos - start + this.#spent < budget) {
      if (this.#state === STRING) {
        this.#scanString(Math.min(buf.length, start + budget - this.#spent));
        continue;
      }
      const c = buf[this.#pos] as number;
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        this.#pos++;
        continue;
      }
      switch (this.#state) {
        case VALUE_OR_END:
          if (c === 0x5d) this.#close(ARRAY);
          else this.#value(c);
          break;
        case VALUE:
          this.#value(c);
          break;
        case KEY_OR_END:
          if (c === 0x7d) this.#close(OBJECT);
          else this.#key(c);
          break;
        case KEY:
          this.#key(c);
          break;
        case COLON:
          if (c !== 0x3a) this.#fail('expected ":"');
          this.#pos++;
          this.#state = VALUE;
          break;
        case AFTER_VALUE:
          this.#afterValue(c);
          break;
        default:
          this.#fail('unexpected content after the JSON value');
      }
    }
    if (this.#pos < buf.length) return false;
    if (this.#state !== DONE) this.#fail('unexpected end of the body');
    return true;
  }

  /** Where the tokenizer is: for error messages. */
  get position(): number {
    return this.#pos;
  }

  #value(c: number): void {
    if (c === 0x7b) {
      this.#open(OBJECT, KEY_OR_END);
      this.events.startObject();
    } else if (c === 0x5b) {
      this.#open(ARRAY, VALUE_OR_END);
      this.events.startArray();
    } else if (c === QUOTE) this.#openString(false);
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) this.#number();
    else if (c === 0x74) this.#literal('true', true);
    else if (c === 0x66) this.#literal('false', false);
    else if (c === 0x6e) this.#literal('null', null);
    else this.#fail('expected a JSON value');
  }

  #key(c: number): void {
    if (c !== QUOTE) this.#fail('expected a member name');
    this.#openString(true);
  }

  #afterValue(c: number): void {
    const top = this.#stack[this.#depth - 1];
    if (c === 0x2c) {
      this.#pos++;
      this.#state = top === OBJECT ? KEY : VALUE;
    } else if (c === 0x7d && top === OBJECT) this.#close(OBJECT);
    else if (c === 0x5d && top === ARRAY) this.#close(ARRAY);
    else this.#fail(top === OBJECT ? 'expected "," or "}"' : 'expected "," or "]"');
  }

  #open(kind: number, next: number): void {
    if (this.#depth >= MAX_DEPTH) this.#fail(`nested deeper than ${MAX_DEPTH} levels`);
    this.#spent += EVENT_COST;
    this.#stack[this.#depth++] = kind;
    this.#pos++;
    this.#state = next;
  }

  #close(kind: number): void {
    this.#spent += EVENT_COST;
    this.#depth--;
    this.#pos++;
    this.#valueDone();
    if (kind === OBJECT) this.events.endObject();
    else this.events.endArray();
  }

  #valueDone(): void {
    this.#state = this.#depth === 0 ? DONE : AFTER_VALUE;
  }

  #openString(isKey: boolean): void {
    this.#pos++;
    this.#stringStart = this.#pos;
    this.#stringEscaped = false;
    this.#stringIsKey = isKey;
    this.#state = STRING;
  }

  /** Scans string bytes until the closing quote or `stop`; an escape sequence is read whole. */
  #scanString(stop: number): void {
    const buf = this.buf;
    let pos = this.#pos;
    while (pos < stop) {
      const c = buf[pos] as number;
      if (c === QUOTE) {
        this.#pos = pos + 1;
        this.#spent += EVENT_COST;
        const start = this.#stringStart;
        const escaped = this.#stringEscaped;
        if (this.#stringIsKey) {
          this.#state = COLON;
          this.events.key(start, pos, escaped);
        } else {
          this.#valueDone();
          this.events.string(start, pos, escaped);
        }
        return;
      }
      if (c === BACKSLASH) {
        this.#stringEscaped = true;
        const next = buf[pos + 1];
        if (next === 0x75 && isHex4(buf, pos + 2)) pos += 6;
        else if (next !== undefined && ESCAPES.has(next)) pos += 2;
        else {
          this.#pos = pos;
          this.#fail(next === undefined ? 'unterminated string' : 'invalid escape in a string');
        }
        continue;
      }
      if (c < 0x20) {
        this.#pos = pos;
        this.#fail('control character in a string');
      }
      pos++;
    }
    this.#pos = pos;
    if (pos >= buf.length) this.#fail('unterminated string');
  }

  #number(): void {
    const buf = this.buf;
    const start = this.#pos;
    let pos = start;
    const digits = () => {
      const first = pos;
      while (pos - start <= MAX_NUMBER_CHARS && (buf[pos] as number) >= 0x30 && (buf[pos] as number) <= 0x39) pos++;
      if (pos === first) this.#fail('expected a digit');
    };
    if (buf[pos] === 0x2d) pos++;
    if (buf[pos] === 0x30) pos++;
    else digits();
    if (buf[pos] === 0x2e) {
      pos++;
      digits();
    }
    if (buf[pos] === 0x65 || buf[pos] === 0x45) {
      pos++;
      if (buf[pos] === 0x2b || buf[pos] === 0x2d) pos++;
      digits();
    }
    if (pos - start > MAX_NUMBER_CHARS) this.#fail(`number longer than ${MAX_NUMBER_CHARS} characters`);
    this.#pos = pos;
    this.#spent += EVENT_COST;
    this.#valueDone();
    this.events.number(start, pos);
  }

  #literal(text: string, value: boolean | null): void {
    if (this.buf.toString('latin1', this.#pos, this.#pos + text.length) !== text) this.#fail('expected a JSON value');
    this.#pos += text.length;
    this.#spent += EVENT_COST;
    this.#valueDone();
    this.events.literal(value);
  }

  #fail(what: string): never {
    throw new OtlpFormatError(`invalid JSON at byte ${this.#pos}: ${what}`);
  }
}

/**
 * The text of a string token (bytes between its quotes), or TOO_LONG when it holds more than MAX_TEXT_BYTES
 * UTF-8 bytes. Escapes only shrink text, so a long escaped token is unescaped only while it could still fit.
 */
export function jsonText(buf: Buffer, start: number, end: number, escaped: boolean): string {
  if (!escaped) return end - start > MAX_TEXT_BYTES ? TOO_LONG : buf.toString('utf8', start, end);
  if (end - start > 6 * MAX_TEXT_BYTES) return TOO_LONG;
  const text = JSON.parse(buf.toString('utf8', start - 1, end + 1)) as string;
  return Buffer.byteLength(text) > MAX_TEXT_BYTES ? TOO_LONG : text;
}
