/**
 * Reads OTLP/JSON (ExportTraceServiceRequest) from JsonTokenizer events straight into SpanFacts, checking the
 * type of every field it reads: a wrong type, or null inside an array, is an OtlpFormatError naming the place.
 * Null fields are absent (proto3 JSON); unknown members are skipped; a known member twice is an error.
 */
import { DecodeState, OtlpFormatError } from './decode-state.js';
import { JsonTokenizer, jsonText, type JsonEvents } from './json-tokenizer.js';
import { kindFromEnumName, kindName, STATUS_ERROR, UNKNOWN_SERVICE, type SpanFacts, type SpanKindName } from './span-facts.js';

type Message = 'request' | 'resourceSpans' | 'resource' | 'scopeSpans' | 'span' | 'keyValue' | 'anyValue' | 'status';
type Field = { message: Message } | { array: Message } | 'string' | 'enum' | 'int64';
type Token = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** The members read, by message; everything else is skipped. */
const FIELDS: Record<Message, Readonly<Record<string, Field>>> = {
  request: { resourceSpans: { array: 'resourceSpans' } },
  resourceSpans: { resource: { message: 'resource' }, scopeSpans: { array: 'scopeSpans' } },
  resource: { attributes: { array: 'keyValue' } },
  scopeSpans: { spans: { array: 'span' } },
  span: {
    name: 'string',
    kind: 'enum',
    startTimeUnixNano: 'int64',
    endTimeUnixNano: 'int64',
    attributes: { array: 'keyValue' },
    status: { message: 'status' },
  },
  keyValue: { key: 'string', value: { message: 'anyValue' } },
  anyValue: { stringValue: 'string' },
  status: { code: 'enum' },
};
const STATUS_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

interface ResourceSpansData {
  service: string | undefined;
  resourceRead: boolean;
  /** Spans read before the resource (JSON members come in any order), waiting for its service.name. */
  waiting: SpanFacts[];
}
interface SpanData {
  rs: ResourceSpansData;
  name: string;
  kind: SpanKindName;
  start: bigint;
  end: bigint;
  route: string | undefined;
  error: boolean;
}
interface KeyValueData {
  /** The only key whose value is read here: service.name on a resource, http.route on a span. */
  want: 'service.name' | 'http.route';
  key: string | undefined;
  /** null: a value that is not a string. */
  value: string | null | undefined;
  owner: { service?: string | undefined; route?: string | undefined };
}

interface Scalar {
  token: 'string' | 'number';
  start: number;
  end: number;
  escaped: boolean;
}

interface Frame {
  type: 'message' | 'array';
  /** The message, or the message of an array's elements. */
  message: Message;
  /** Message: the member being read, and its field (undefined for unknown members). */
  key: string | undefined;
  field: Field | undefined;
  seen: string[];
  /** Array: the element being read. */
  count: number;
  data: Record<string, unknown>;
}

class OtlpJsonReader implements JsonEvents {
  readonly #stack: Frame[] = [];
  /** Depth inside a value being skipped (unknown member, span past the limit): no frames, no strings. */
  #skipping = 0;

  constructor(
    readonly buf: Buffer,
    readonly st: DecodeState,
  ) {}

  startObject(): void {
    this.#value('object');
  }

  startArray(): void {
    this.#value('array');
  }

  endObject(): void {
    this.#end();
  }

  endArray(): void {
    this.#end();
  }

  key(start: number, end: number, escaped: boolean): void {
    const frame = this.#top;
    if (this.#skipping > 0 || !frame || frame.type !== 'message') return;
    const key = jsonText(this.buf, start, end, escaped);
    const field = Object.hasOwn(FIELDS[frame.message], key) ? FIELDS[frame.message][key] : undefined;
    if (field !== undefined) {
      if (frame.seen.includes(key)) throw this.#error(`duplicate member "${key}"`);
      frame.seen.push(key);
    }
    frame.key = key;
    frame.field = field;
  }

  string(start: number, end: number, escaped: boolean): void {
    const frame = this.#value('string');
    if (frame) this.#scalar(frame, { token: 'string', start, end, escaped });
  }

  number(start: number, end: number): void {
    const frame = this.#value('number');
    if (frame) this.#scalar(frame, { token: 'number', start, end, escaped: false });
  }

  literal(value: boolean | null): void {
    this.#value(value === null ? 'null' : 'boolean');
  }

  /** Where the reader is, for an error: resourceSpans[0].scopeSpans[1].spans[2].name. */
  path(): (string | number)[] {
    const path: (string | number)[] = [];
    for (const frame of this.#stack) {
      if (frame.type === 'array') path.push(frame.count);
      else if (frame.type === 'message' && frame.key !== undefined) path.push(frame.key);
    }
    return path;
  }

  get #top(): Frame | undefined {
    return this.#stack[this.#stack.length - 1];
  }

  #error(reason: string): OtlpFormatError {
    return new OtlpFormatError(reason, this.path());
  }

  /** A value starts; returns the message frame a scalar belongs to, when it is one to read. */
  #value(token: Token): Frame | undefined {
    if (this.#skipping > 0) {
      if (token === 'object' || token === 'array') this.#skipping++;
      return undefined;
    }
    const frame = this.#top;
    if (!frame) {
      if (token !== 'object') throw this.#error(`expected an ExportTraceServiceRequest object, got ${token === 'null' ? 'null' : `a JSON ${token}`}`);
      this.#push('message', 'request');
      return undefined;
    }
    if (frame.type === 'array') {
      frame.count++;
      if (token !== 'object') throw this.#error(`expected an object, got ${token === 'null' ? 'null' : `a ${token}`}`);
      // A span past the limit is counted, not read: its JSON is still checked, its fields are not.
      if (frame.message === 'span' && !this.st.admit()) this.#skipping = 1;
      else this.#push('message', frame.message);
      return undefined;
    }
    const field = frame.field;
    if (field === undefined || token === 'null') {
      // An unknown member, or a known one set to null (absent, as in proto3 JSON).
      if (token === 'object' || token === 'array') this.#skipping = 1;
      else frame.key = undefined;
      return undefined;
    }
    if (typeof field === 'object') {
      const wanted = 'message' in field ? 'object' : 'array';
      if (token !== wanted) throw this.#error(`expected ${wanted === 'object' ? 'an object' : 'an array'}, got a ${token}`);
      if ('message' in field) this.#push('message', field.message);
      else this.#push('array', field.array);
      return undefined;
    }
    const fits = field === 'string' ? token === 'string' : token === 'string' || token === 'number';
    if (!fits) throw this.#error(field === 'string' ? `expected a string, got a ${token}` : `expected an integer or a string, got a ${token}`);
    return frame;
  }

  #push(type: Frame['type'], message: Message): void {
    const frame: Frame = { type, message, key: undefined, field: undefined, seen: [], count: -1, data: {} };
    if (type === 'message') frame.data = this.#startMessage(message);
    this.#stack.push(frame);
  }

  #end(): void {
    if (this.#skipping > 0) {
      if (--this.#skipping === 0) this.#memberDone();
      return;
    }
    const frame = this.#stack.pop() as Frame;
    if (frame.type === 'message') this.#endMessage(frame.message, frame.data);
    this.#memberDone();
  }

  /** The member whose value just ended is read: errors from here on are not about it. */
  #memberDone(): void {
    const parent = this.#top;
    if (parent?.type === 'message') parent.key = undefined;
  }

  /** The message whose member holds the current array (the owner of a KeyValue list, say). */
  #owner(): Record<string, unknown> {
    return (this.#stack[this.#stack.length - 2] as Frame).data;
  }

  #startMessage(message: Message): Record<string, unknown> {
    switch (message) {
      case 'resourceSpans':
        return { service: undefined, resourceRead: false, waiting: [] } satisfies ResourceSpansData;
      case 'resource':
        return { service: undefined, rs: (this.#top as Frame).data };
      case 'scopeSpans':
        return { rs: this.#owner() };
      case 'span':
        return { rs: this.#owner().rs as ResourceSpansData, name: '', kind: 'unspecified', start: 0n, end: 0n, route: undefined, error: false } satisfies SpanData;
      case 'keyValue': {
        const owner = this.#stack[this.#stack.length - 2] as Frame;
        const want = owner.message === 'resource' ? 'service.name' : 'http.route';
        return { want, key: undefined, value: undefined, owner: owner.data } satisfies KeyValueData;
      }
      case 'anyValue':
      case 'status':
        return { parent: (this.#top as Frame).data };
      default:
        return {};
    }
  }

  /** A string or number member of a message; its text is built only when it is read. */
  #scalar(frame: Frame, scalar: Scalar): void {
    const { token } = scalar;
    const text = () => this.#text(scalar);
    const data = frame.data;
    const key = frame.key;
    this.#read(frame.message, key, data, token, text);
    frame.key = undefined;
  }

  #read(message: Message, key: string | undefined, data: Record<string, unknown>, token: Scalar['token'], text: () => string): void {
    switch (message) {
      case 'span': {
        const span = data as unknown as SpanData;
        if (key === 'name') span.name = text();
        else if (key === 'kind') span.kind = token === 'number' ? kindName(this.#integer(text())) : kindFromEnumName(text());
        else if (key === 'startTimeUnixNano') span.start = this.#nanos(text());
        else if (key === 'endTimeUnixNano') span.end = this.#nanos(text());
        return;
      }
      case 'keyValue': {
        const kv = data as unknown as KeyValueData;
        kv.key = text();
        return;
      }
      case 'anyValue': {
        const kv = data.parent as KeyValueData;
        // The key may follow the value; keep the text only while it could be the wanted one.
        if (kv.key === undefined || kv.key === kv.want) data.value = text();
        return;
      }
      case 'status': {
        const code = token === 'number' ? this.#integer(text()) : STATUS_NAMES.indexOf(text());
        (data.parent as SpanData).error = code === STATUS_ERROR;
        return;
      }
    }
  }

  #text({ token, start, end, escaped }: Scalar): string {
    return token === 'string' ? jsonText(this.buf, start, end, escaped) : this.buf.toString('latin1', start, end);
  }

  #endMessage(message: Message, data: Record<string, unknown>): void {
    switch (message) {
      case 'resource': {
        const rs = data.rs as unknown as ResourceSpansData;
        rs.service = data.service as string | undefined;
        rs.resourceRead = true;
        return;
      }
      case 'span': {
        const span = data as unknown as SpanData;
        const facts: SpanFacts = {
          service: span.rs.service ?? UNKNOWN_SERVICE,
          name: span.name,
          kind: span.kind,
          durationSeconds: Number(span.end - span.start) / 1e9,
          error: span.error,
          route: span.route,
        };
        if (span.rs.resourceRead) this.st.onSpan(facts);
        else span.rs.waiting.push(facts);
        return;
      }
      case 'anyValue':
        (data.parent as KeyValueData).value = typeof data.value === 'string' ? data.value : null;
        return;
      case 'keyValue': {
        const kv = data as unknown as KeyValueData;
        if (kv.key !== kv.want) return;
        const value = typeof kv.value === 'string' ? kv.value : undefined;
        if (kv.want === 'service.name') kv.owner.service = value;
        else kv.owner.route = value;
        return;
      }
      case 'resourceSpans': {
        const rs = data as unknown as ResourceSpansData;
        for (const facts of rs.waiting) this.st.onSpan({ ...facts, service: rs.service ?? UNKNOWN_SERVICE });
        rs.waiting = [];
        return;
      }
    }
  }

  #integer(text: string): number {
    const value = Number(text);
    if (!Number.isInteger(value)) throw this.#error(`expected an integer, got ${text}`);
    return value;
  }

  /** int64 nanoseconds: a decimal string (proto3 JSON) or a number. */
  #nanos(text: string): bigint {
    if (/^\d{1,20}$/.test(text)) return BigInt(text);
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw this.#error(`expected non-negative integer nanoseconds, got ${text.slice(0, 40)}`);
    return BigInt(value);
  }
}

/** JSON read between two pauses of a decode: bytes, each event (value, member name) counting as EVENT_COST. */
export const JSON_BYTES_PER_CHUNK = 64 * 1024;

/** Steps of decoding an OTLP/JSON body; each yield is a chance to pause. Throws OtlpFormatError. */
export function* decodeJson(body: Buffer, st: DecodeState): Generator<void, void, void> {
  const reader = new OtlpJsonReader(body, st);
  const tokenizer = new JsonTokenizer(body, reader);
  try {
    while (!tokenizer.run(JSON_BYTES_PER_CHUNK)) yield;
  } catch (error) {
    if (error instanceof OtlpFormatError && error.path.length === 0) throw error.within(...reader.path());
    throw error;
  }
}
