/**
 * Hostile OTLP trace export bodies of a given size, for the receiver's tests and the reliability benchmark:
 * the shapes that cost a naive decoder the most memory or event-loop time per byte.
 */
import protobuf from 'protobufjs';

const MiB = 1024 * 1024;
/** The receiver's default body limit (otlp.maxBodyBytes). */
export const DEFAULT_MAX_BODY_BYTES = 16 * MiB;

/** Protobuf field tag. */
const tag = (field: number, wire: number) => (field << 3) | wire;

/** One ResourceSpans with `service.name` = service around `spans` (encoded Span messages). */
function requestOf(service: string, spans: Uint8Array[]): Buffer {
  const w = protobuf.Writer.create();
  w.uint32(tag(1, 2)).fork(); // resource_spans
  w.uint32(tag(1, 2)).fork(); // resource
  w.uint32(tag(1, 2)).fork().uint32(tag(1, 2)).string('service.name').uint32(tag(2, 2)).fork().uint32(tag(1, 2)).string(service).ldelim().ldelim();
  w.ldelim();
  w.uint32(tag(2, 2)).fork(); // scope_spans
  for (const span of spans) w.uint32(tag(2, 2)).bytes(span);
  w.ldelim().ldelim();
  return Buffer.from(w.finish());
}

/** A server span: name, kind, 1 ms long, optionally an http.route attribute. */
export function encodeSpan(name: string, route?: string): Uint8Array {
  const w = protobuf.Writer.create();
  w.uint32(tag(5, 2)).string(name).uint32(tag(6, 0)).int32(2);
  w.uint32(tag(7, 1)).fixed64(1_000_000_000).uint32(tag(8, 1)).fixed64(1_001_000_000);
  if (route !== undefined) w.uint32(tag(9, 2)).fork().uint32(tag(1, 2)).string('http.route').uint32(tag(2, 2)).fork().uint32(tag(1, 2)).string(route).ldelim().ldelim();
  return w.finish();
}

/**
 * As many empty spans as fit in `bytes` (about 2 bytes each; 16 MiB holds over 8 million): the most spans
 * per byte, what a decoder building one object per span pays most for.
 */
export function emptySpansProtobuf(bytes = DEFAULT_MAX_BODY_BYTES): Buffer {
  const overhead = 64;
  // Each span is tag + zero length; group them in one ScopeSpans whose length prefix takes up to 4 bytes.
  const count = Math.floor((bytes - overhead) / 2);
  const body = Buffer.alloc(count * 2, 0);
  for (let i = 0; i < count; i++) body[i * 2] = tag(2, 2);
  const w = protobuf.Writer.create();
  w.uint32(tag(1, 2)).fork().uint32(tag(2, 2)).bytes(body).ldelim();
  return Buffer.from(w.finish());
}

/** Spans of `service` each named with a distinct `nameBytes`-long name: `count` of them, or as many as fit in `bytes`. */
export function longNamesProtobuf(service: string, options: { nameBytes: number; count?: number; bytes?: number }): Buffer {
  const { nameBytes, count = Infinity, bytes = DEFAULT_MAX_BODY_BYTES } = options;
  const spans: Uint8Array[] = [];
  let size = 64;
  for (let i = 0; i < count && size + nameBytes + 32 < bytes; i++) {
    const span = encodeSpan(`${String(i).padStart(8, '0')}${'x'.repeat(Math.max(0, nameBytes - 8))}`);
    spans.push(span);
    size += span.length + 4;
  }
  return requestOf(service, spans);
}

/** `count` spans of `service`, span i routed to `route(i)`: real spans, for counting tests. */
export function routedSpansProtobuf(service: string, count: number, route: (i: number) => string): Buffer {
  return requestOf(
    service,
    Array.from({ length: count }, (_, i) => encodeSpan(`GET ${route(i)}`, route(i))),
  );
}

/** One span holding `bytes` of 2-byte unknown fields: the most fields per message. */
export function manyFieldsProtobuf(bytes = DEFAULT_MAX_BODY_BYTES): Buffer {
  const count = Math.floor((bytes - 64) / 2);
  const fields = Buffer.alloc(count * 2, 0);
  for (let i = 0; i < count; i++) fields[i * 2] = tag(20, 0); // varint field 20 = 0
  return requestOf('hostile', [fields]);
}

/** OTLP/JSON with as many empty span objects as fit in `bytes`: JSON.parse would build every one. */
export function emptySpansJson(bytes = DEFAULT_MAX_BODY_BYTES): Buffer {
  const head = '{"resourceSpans":[{"scopeSpans":[{"spans":[';
  const tail = ']}]}]}';
  const count = Math.floor((bytes - head.length - tail.length + 1) / 3);
  return Buffer.from(`${head}${'{},'.repeat(count).slice(0, -1)}${tail}`);
}

/** OTLP/JSON whose one span name is `bytes` of escape sequences: the most tokenizer work per byte. */
export function escapedNameJson(bytes = DEFAULT_MAX_BODY_BYTES): Buffer {
  const head = '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"';
  const tail = '"}]}]}]}';
  return Buffer.from(`${head}${'\\"'.repeat(Math.floor((bytes - head.length - tail.length) / 2))}${tail}`);
}
