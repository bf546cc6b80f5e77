/**
 * Reads a protobuf ExportTraceServiceRequest at the wire level (protobufjs Reader), straight into SpanFacts:
 * no message objects, strings only for the few fields trace SLIs use, nothing for spans past the limit
 * (a span is skipped by its length, without reading it). Field numbers are opentelemetry-proto v1's.
 * Each loop is a generator step, so a decode pauses every WORK_PER_CHUNK fields, however the body is built.
 */
import protobuf from 'protobufjs';
import { DecodeState, OtlpFormatError } from './decode-state.js';
import { kindName, STATUS_ERROR, UNKNOWN_SERVICE, utf8Text, type SpanFacts } from './span-facts.js';

type Reader = protobuf.Reader;
type Steps<T = void> = Generator<void, T, void>;

const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const FIXED32 = 5;
const tag = (field: number, wire: number) => (field << 3) | wire;

/** Fields a small message (KeyValue, AnyValue, Status) may have; the rest of it is skipped unread. */
const LEAF_FIELDS = 64;
const SERVICE_NAME = Buffer.from('service.name');
const HTTP_ROUTE = Buffer.from('http.route');

// Fields read, by message; a known field number with another wire type is an error.
const REQUEST_RESOURCE_SPANS = tag(1, LEN);
const RS_RESOURCE = tag(1, LEN);
const RS_SCOPE_SPANS = tag(2, LEN);
const RESOURCE_ATTRIBUTES = tag(1, LEN);
const SCOPE_SPANS_SPAN = tag(2, LEN);
const SPAN_NAME = tag(5, LEN);
const SPAN_KIND = tag(6, VARINT);
const SPAN_START = tag(7, FIXED64);
const SPAN_END = tag(8, FIXED64);
const SPAN_ATTRIBUTES = tag(9, LEN);
const SPAN_STATUS = tag(15, LEN);
const KV_KEY = tag(1, LEN);
const KV_VALUE = tag(2, LEN);
const ANY_STRING = tag(1, LEN);
const STATUS_CODE = tag(3, VARINT);
const KNOWN = {
  request: [1],
  resourceSpans: [1, 2],
  resource: [1],
  scopeSpans: [2],
  span: [5, 6, 7, 8, 9, 15],
  keyValue: [1, 2],
  anyValue: [1],
  status: [3],
} as const;

/** Adds the element's place to an error from inside it; the Reader's RangeError means a cut-off body. */
function within(error: unknown, ...place: (string | number)[]): unknown {
  if (error instanceof OtlpFormatError) return error.within(...place);
  if (error instanceof RangeError) return new OtlpFormatError(`truncated message (${error.message})`, place);
  return error;
}

class ProtoDecoder {
  readonly #r: Reader;

  constructor(
    readonly buf: Buffer,
    readonly st: DecodeState,
  ) {
    this.#r = protobuf.Reader.create(buf);
  }

  *request(): Steps {
    const r = this.#r;
    let index = 0;
    while (r.pos < r.len) {
      const t = r.uint32();
      if (t === REQUEST_RESOURCE_SPANS) {
        const end = this.#nested(r.len);
        try {
          yield* this.#resourceSpans(end);
        } catch (error) {
          throw within(error, 'resourceSpans', index);
        }
        index++;
      } else this.#skip(t, r.len, KNOWN.request);
      if (this.st.tick()) yield;
    }
  }

  *#resourceSpans(end: number): Steps {
    const r = this.#r;
    const start = r.pos;
    // Pass 1: the resource. Protobuf does not fix field order, so it may follow the spans.
    let service = UNKNOWN_SERVICE;
    while (r.pos < end) {
      const t = r.uint32();
      if (t === RS_RESOURCE) {
        const e = this.#nested(end);
        try {
          service = (yield* this.#resource(e)) ?? service;
        } catch (error) {
          throw within(error, 'resource');
        }
      } else if (t === RS_SCOPE_SPANS) r.pos = this.#nested(end);
      else this.#skip(t, end, KNOWN.resourceSpans);
      if (this.st.tick()) yield;
    }
    this.#ended(end);
    // Pass 2: the spans; each ScopeSpans was skipped by its length above.
    r.pos = start;
    let index = 0;
    while (r.pos < end) {
      const t = r.uint32();
      if (t === RS_SCOPE_SPANS) {
        const e = this.#nested(end);
        try {
          yield* this.#scopeSpans(service, e);
        } catch (error) {
          throw within(error, 'scopeSpans', index);
        }
        index++;
      } else if (t === RS_RESOURCE) r.pos = this.#nested(end);
      else this.#skip(t, end, KNOWN.resourceSpans);
      if (this.st.tick()) yield;
    }
  }

  /** The resource's service.name, if it has a string one (the last wins, as protobuf merges repeats). */
  *#resource(end: number): Steps<string | undefined> {
    const r = this.#r;
    let service: string | undefined;
    while (r.pos < end) {
      const t = r.uint32();
      if (t === RESOURCE_ATTRIBUTES) {
        const value = this.#attribute(this.#nested(end), SERVICE_NAME);
        if (value !== undefined) service = value ?? undefined;
      } else this.#skip(t, end, KNOWN.resource);
      if (this.st.tick()) yield;
    }
    this.#ended(end);
    return service;
  }

  *#scopeSpans(service: string, end: number): Steps {
    const r = this.#r;
    let index = 0;
    while (r.pos < end) {
      const t = r.uint32();
      if (t === SCOPE_SPANS_SPAN) {
        const e = this.#nested(end);
        if (this.st.admit()) {
          try {
            yield* this.#span(service, e);
          } catch (error) {
            throw within(error, 'spans', index);
          }
        } else r.pos = e;
        index++;
      } else this.#skip(t, end, KNOWN.scopeSpans);
      if (this.st.tick()) yield;
    }
    this.#ended(end);
  }

  *#span(service: string, end: number): Steps {
    const r = this.#r;
    let nameStart = 0;
    let nameEnd = 0;
    let kind = 0;
    let code = 0;
    let route: string | undefined;
    // fixed64 nanoseconds as two 32-bit halves: the difference stays exact in a double.
    let startLow = 0;
    let startHigh = 0;
    let endLow = 0;
    let endHigh = 0;
    while (r.pos < end) {
      const t = r.uint32();
      switch (t) {
        case SPAN_NAME:
          nameEnd = this.#nested(end);
          nameStart = r.pos;
          r.pos = nameEnd;
          break;
        case SPAN_KIND:
          kind = r.int32();
          break;
        case SPAN_START:
          startLow = r.fixed32();
          startHigh = r.fixed32();
          break;
        case SPAN_END:
          endLow = r.fixed32();
          endHigh = r.fixed32();
          break;
        case SPAN_ATTRIBUTES: {
          const value = this.#attribute(this.#nested(end), HTTP_ROUTE);
          if (value !== undefined) route = value ?? undefined;
          break;
        }
        case SPAN_STATUS:
          code = this.#statusCode(this.#nested(end), code);
          break;
        default:
          this.#skip(t, end, KNOWN.span);
      }
      if (r.pos > end) throw new OtlpFormatError('a field runs past the end of its message');
      if (this.st.tick()) yield;
    }
    this.#ended(end);
    const nanos = (endHigh - startHigh) * 4_294_967_296 + (endLow - startLow);
    const span: SpanFacts = {
      service,
      name: utf8Text(this.buf, nameStart, nameEnd),
      kind: kindName(kind),
      durationSeconds: nanos / 1e9,
      error: code === STATUS_ERROR,
      route,
    };
    this.st.onSpan(span);
  }

  /**
   * A KeyValue: undefined when its key is not `key`, null when it is but the value is not a string, else
   * the value. Key and value may come in either order; the value is read only when the key matches.
   */
  #attribute(end: number, key: Buffer): string | null | undefined {
    const r = this.#r;
    let keyStart = -1;
    let keyEnd = -1;
    let valueStart = -1;
    let valueEnd = -1;
    for (let fields = 0; this.#leafField(end, ++fields); ) {
      const t = r.uint32();
      if (t === KV_KEY) {
        keyEnd = this.#nested(end);
        keyStart = r.pos;
        r.pos = keyEnd;
      } else if (t === KV_VALUE) {
        valueEnd = this.#nested(end);
        valueStart = r.pos;
        r.pos = valueEnd;
      } else this.#skip(t, end, KNOWN.keyValue);
    }
    this.#ended(end);
    if (keyEnd - keyStart !== key.length || !key.equals(this.buf.subarray(keyStart, keyEnd))) return undefined;
    if (valueStart < 0) return null;
    r.pos = valueStart;
    let value: string | null = null;
    for (let fields = 0; this.#leafField(valueEnd, ++fields); ) {
      const t = r.uint32();
      if (t === ANY_STRING) {
        const e = this.#nested(valueEnd);
        value = utf8Text(this.buf, r.pos, e);
        r.pos = e;
      } else {
        // Another member of the AnyValue oneof (bool, int, double, array, kvlist, bytes): the last set wins.
        if (t >>> 3 >= 2 && t >>> 3 <= 7) value = null;
        this.#skip(t, valueEnd, KNOWN.anyValue);
      }
    }
    this.#ended(valueEnd);
    r.pos = end;
    return value;
  }

  /** A Status: its code, or `code` when it sets none (repeated messages merge). */
  #statusCode(end: number, code: number): number {
    const r = this.#r;
    let result = code;
    for (let fields = 0; this.#leafField(end, ++fields); ) {
      const t = r.uint32();
      if (t === STATUS_CODE) result = r.int32();
      else this.#skip(t, end, KNOWN.status);
    }
    this.#ended(end);
    return result;
  }

  /**
   * Whether a small message (KeyValue, AnyValue, Status) has a `fields`th field to read. Only a hostile body
   * has more than LEAF_FIELDS: the rest of the message is then skipped unread, without an error.
   */
  #leafField(end: number, fields: number): boolean {
    const r = this.#r;
    if (r.pos >= end) return false;
    this.st.spend(1);
    if (fields <= LEAF_FIELDS) return true;
    r.pos = end;
    return false;
  }

  /** Reads a length prefix; returns where the field ends, with the Reader at its start. */
  #nested(end: number): number {
    const r = this.#r;
    const length = r.uint32();
    const e = r.pos + length;
    if (e > end) throw new OtlpFormatError(`a field of ${length} bytes at byte ${r.pos} runs past the end of its message`);
    return e;
  }

  #ended(end: number): void {
    if (this.#r.pos !== end) throw new OtlpFormatError(`a field runs past the end of its message at byte ${end}`);
  }

  /** Skips a field this decoder does not read. Groups (wire types 3 and 4) are not part of OTLP. */
  #skip(t: number, end: number, known: readonly number[]): void {
    const r = this.#r;
    const field = t >>> 3;
    const wire = t & 7;
    if (field === 0) throw new OtlpFormatError(`invalid field number 0 at byte ${r.pos}`);
    if (known.includes(field)) throw new OtlpFormatError(`field ${field} has wire type ${wire}, which OTLP does not use for it`);
    if (wire === VARINT) this.#skipVarint(end);
    else if (wire === FIXED64) r.skip(8);
    else if (wire === FIXED32) r.skip(4);
    else if (wire === LEN) r.pos = this.#nested(end);
    else throw new OtlpFormatError(`wire type ${wire} at byte ${r.pos} is not used by OTLP`);
    if (r.pos > end) throw new OtlpFormatError('a field runs past the end of its message');
  }

  /** At most 10 bytes; protobufjs' skip() would follow a hostile run of continuation bytes to the end. */
  #skipVarint(end: number): void {
    const r = this.#r;
    for (let i = 0; i < 10; i++) {
      if (r.pos >= end) throw new OtlpFormatError(`truncated varint at byte ${r.pos}`);
      if (((this.buf[r.pos++] as number) & 0x80) === 0) return;
    }
    throw new OtlpFormatError(`varint longer than 10 bytes at byte ${r.pos}`);
  }
}

/** Steps of decoding `body`; each yield is a chance to pause. Throws OtlpFormatError for a malformed body. */
export function* decodeProtobuf(body: Buffer, st: DecodeState): Steps {
  try {
    yield* new ProtoDecoder(body, st).request();
  } catch (error) {
    if (error instanceof RangeError) throw new OtlpFormatError(`truncated message (${error.message})`);
    throw error;
  }
}
