/**
 * The bounded decoders (wire-level protobuf, streaming JSON) against the unbounded reference (protobufjs
 * objects / JSON.parse, then decodeSpans), on bodies the real OpenTelemetry SDK serializes; then limits and
 * hostile bodies: spans past the limit are counted, not decoded; long texts never become strings; a decode
 * pauses many times however the body is built.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeExport, type OtlpEncoding } from '../../../src/service/otlp/decode-export.js';
import { DecodeState, OtlpFormatError } from '../../../src/service/otlp/decode-state.js';
import { decodeSpans } from './support/reference-decoder.js';
import { decodeJson } from '../../../src/service/otlp/json-decoder.js';
import { decodeTraceRequest } from '../../../src/service/otlp/otlp-trace-proto.js';
import { decodeProtobuf } from '../../../src/service/otlp/proto-decoder.js';
import { MAX_TEXT_BYTES, TOO_LONG, type SpanFacts } from '../../../src/service/otlp/span-facts.js';
import { DEFAULT_MAX_BODY_BYTES, emptySpansJson, emptySpansProtobuf, escapedNameJson, longNamesProtobuf, manyFieldsProtobuf } from '../../support/hostile-otlp.js';
import { jsonExport, protobufExport, sdkSpans, type SpanSpec } from './support/sdk-spans.js';

async function decode(body: Buffer, encoding: OtlpEncoding, maxSpans = 1_000_000) {
  const spans: SpanFacts[] = [];
  const outcome = await decodeExport(body, encoding, { maxSpans }, (span) => spans.push(span));
  return { ...outcome, spans };
}

/** Runs a decode step by step without pausing: how many steps it took, and what it produced. */
function stepwise(body: Buffer, encoding: OtlpEncoding, maxSpans: number) {
  let spans = 0;
  const st = new DecodeState(maxSpans, () => spans++);
  const steps = encoding === 'json' ? decodeJson(body, st) : decodeProtobuf(body, st);
  let pauses = 0;
  while (!steps.next().done) pauses++;
  return { pauses, spans, accepted: st.accepted, rejected: st.rejected };
}

/** What the reference decoder sees, as SpanFacts. */
function reference(body: Buffer): SpanFacts[] {
  const clip = (text: string) => (Buffer.byteLength(text) > MAX_TEXT_BYTES ? TOO_LONG : text);
  return decodeSpans(decodeTraceRequest(body)).map((s) => ({
    service: clip(s.service),
    name: clip(s.name),
    kind: s.kind,
    durationSeconds: s.durationSeconds,
    error: s.error,
    route: s.attributes['http.route'] === undefined ? undefined : clip(s.attributes['http.route']),
  }));
}

const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ minLength: 1020, maxLength: 1100 }));
const spanSpec: fc.Arbitrary<SpanSpec> = fc.record({
  name: text,
  kind: fc.constantFrom(SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER),
  ms: fc.integer({ min: 0, max: 100_000 }),
  status: fc.constantFrom(SpanStatusCode.UNSET, SpanStatusCode.OK, SpanStatusCode.ERROR),
  attributes: fc.dictionary(fc.constantFrom('http.route', 'http.method', 'x'), fc.oneof(text, fc.integer(), fc.boolean())),
});

describe('bounded decoders', () => {
  it('read what the reference reads from the SDK’s own protobuf and JSON exports', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(text, { nil: undefined }), fc.array(spanSpec, { maxLength: 12 }), async (service, specs) => {
        // A non-string http.route is not a route; the reference would stringify it.
        const spans = await sdkSpans(service, specs.map((s) => ({ ...s, attributes: typeof s.attributes?.['http.route'] === 'string' ? s.attributes : { ...s.attributes, 'http.route': undefined } })));
        const proto = protobufExport(spans);
        const expected = reference(proto);
        expect((await decode(proto, 'protobuf')).spans).toEqual(expected);
        expect((await decode(jsonExport(spans), 'json')).spans).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('decode at most maxSpans spans and count the rest as rejected, in both encodings', async () => {
    const spans = await sdkSpans('api', Array.from({ length: 25 }, (_, i) => ({ name: `GET /${i}`, ms: i })));
    for (const [encoding, body] of [['protobuf', protobufExport(spans)], ['json', jsonExport(spans)]] as const) {
      const { accepted, rejected, spans: decoded } = await decode(body, encoding, 10);
      expect({ accepted, rejected, decoded: decoded.length }).toEqual({ accepted: 10, rejected: 15, decoded: 10 });
      expect(decoded.map((s) => s.name)).toEqual(Array.from({ length: 10 }, (_, i) => `GET /${i}`));
    }
  });

  it('read a resource that follows its spans (field order is free in protobuf and JSON)', async () => {
    const json = '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"a","kind":2}]}],"resource":{"attributes":[{"value":{"stringValue":"late"},"key":"service.name"}]}}]}';
    expect((await decode(Buffer.from(json), 'json')).spans).toMatchObject([{ service: 'late', name: 'a', kind: 'server' }]);
    const spans = await sdkSpans('late', [{ name: 'a', ms: 1 }]);
    const proto = protobufExport(spans);
    // Move the resource (field 1 of ResourceSpans) behind the scope spans (field 2).
    const request = decodeTraceRequest(proto) as { resourceSpans: Record<string, unknown>[] };
    expect(Object.keys(request.resourceSpans[0]!)[0]).toBe('resource');
    const swapped = swapResourceSpansFields(proto);
    expect((await decode(swapped, 'protobuf')).spans).toMatchObject([{ service: 'late', name: 'a' }]);
  });
});

/** Re-encodes a one-ResourceSpans request with its fields in reverse order. */
function swapResourceSpansFields(body: Buffer): Buffer {
  const fields: Buffer[] = [];
  // request: tag(1,LEN) len resourceSpans
  let pos = 1;
  const varint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = body[pos++] as number;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
  };
  const end = varint() + pos;
  while (pos < end) {
    const start = pos;
    varint();
    const length = varint();
    pos += length;
    fields.push(body.subarray(start, pos));
  }
  const inner = Buffer.concat(fields.reverse());
  return Buffer.concat([Buffer.from([0x0a]), encodeVarint(inner.length), inner]);
}

function encodeVarint(value: number): Buffer {
  const bytes: number[] = [];
  while (value >= 0x80) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

describe('malformed bodies', () => {
  const badJson: [string, RegExp][] = [
    ['{"resourceSpans":[null]}', /^resourceSpans\[0\]: expected an object, got null$/],
    ['{"resourceSpans":"x"}', /^resourceSpans: expected an array, got a string$/],
    ['{"resourceSpans":{}}', /^resourceSpans: expected an array, got a object$/],
    ['{"resourceSpans":[{"scopeSpans":[7]}]}', /^resourceSpans\[0\]\.scopeSpans\[0\]: expected an object, got a number$/],
    ['{"resourceSpans":[{"resource":[]}]}', /^resourceSpans\[0\]\.resource: expected an object, got a array$/],
    ['{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"a"},{"name":5}]}]}]}', /^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]\.name: expected a string, got a number$/],
    ['{"resourceSpans":[{"scopeSpans":[{"spans":[{"kind":true}]}]}]}', /spans\[0\]\.kind: expected an integer or a string, got a boolean$/],
    ['{"resourceSpans":[{"scopeSpans":[{"spans":[{"kind":1.5}]}]}]}', /spans\[0\]\.kind: expected an integer, got 1\.5$/],
    ['{"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":"soon"}]}]}]}', /spans\[0\]\.startTimeUnixNano: expected non-negative integer nanoseconds/],
    ['{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":1}]}]}]}]}', /spans\[0\]\.attributes\[0\]\.key: expected a string, got a number$/],
    ['{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[null]}]}]}]}', /spans\[0\]\.attributes\[0\]: expected an object, got null$/],
    ['{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"http.route","value":{"stringValue":[]}}]}]}]}]}', /value\.stringValue: expected a string, got a array$/],
    ['{"resourceSpans":[{"scopeSpans":[{"spans":[{"status":{"code":{}}}]}]}]}', /spans\[0\]\.status\.code: expected an integer or a string, got a object$/],
    ['{"resourceSpans":[],"resourceSpans":[]}', /^duplicate member "resourceSpans"$/],
    ['[]', /^expected an ExportTraceServiceRequest object, got a JSON array$/],
    ['null', /^expected an ExportTraceServiceRequest object, got null$/],
    ['', /^invalid JSON at byte 0: unexpected end of the body$/],
    ['{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"a"}', /^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]: invalid JSON at byte \d+: unexpected end/],
    ['{"resourceSpans":[]} {}', /unexpected content after the JSON value$/],
    ['{"resourceSpans":[],}', /expected a member name$/],
    ['{"a":"\\x"}', /invalid escape in a string$/],
    ['{"a":01}', /expected "," or "}"$/],
    [`{"a":${'['.repeat(200)}${']'.repeat(200)}}`, /nested deeper than 128 levels$/],
  ];

  it.each(badJson)('JSON %s is an OtlpFormatError naming the place', async (body, message) => {
    const error = await decode(Buffer.from(body), 'json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OtlpFormatError);
    expect((error as Error).message).toMatch(message);
  });

  it('JSON: the tokenizer accepts exactly what JSON.parse accepts', async () => {
    const mutated = fc.tuple(fc.json({ depthSize: 'small' }), fc.nat(), fc.constantFrom('', '"', '\\', ',', '}', ']', '{', '[', ':', 'x', '\u0001', ' ', '-', '0', '.', 'e')).map(([json, at, insert]) => {
      const i = at % (json.length + 1);
      return `{"x":${json.slice(0, i)}${insert}${json.slice(i)}}`;
    });
    await fc.assert(
      fc.asyncProperty(mutated, async (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const error = await decode(Buffer.from(text), 'json').then(
          () => undefined,
          (e: unknown) => e,
        );
        if (error !== undefined) expect(error).toBeInstanceOf(OtlpFormatError);
        expect(error === undefined).toBe(parses);
      }),
      { numRuns: 2_000 },
    );
  });

  it('protobuf: every cut-off prefix of a real export and random bytes fail as OtlpFormatError or decode, nothing else', async () => {
    const body = protobufExport(await sdkSpans('api', [{ name: 'GET /a', ms: 5, attributes: { 'http.route': '/a' }, status: SpanStatusCode.ERROR }]));
    let failed = 0;
    for (let length = 0; length < body.length; length++) {
      const error = await decode(body.subarray(0, length), 'protobuf').then(
        () => undefined,
        (e: unknown) => e,
      );
      if (error === undefined) continue;
      expect(error).toBeInstanceOf(OtlpFormatError);
      failed++;
    }
    expect(failed).toBeGreaterThan(body.length / 2);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        await decode(Buffer.from(bytes), 'protobuf').catch((e: unknown) => expect(e).toBeInstanceOf(OtlpFormatError));
      }),
      { numRuns: 2_000 },
    );
  });

  it('protobuf: a known field with the wrong wire type, or a group, is refused with its place', async () => {
    // resource_spans[0].scope_spans[0].spans[0] whose name (field 5) is a varint.
    const wrongType = Buffer.from([0x0a, 0x06, 0x12, 0x04, 0x12, 0x02, 0x28, 0x01]);
    await expect(decode(wrongType, 'protobuf')).rejects.toThrow(/^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]: field 5 has wire type 0/);
    await expect(decode(Buffer.from([0x13, 0x14]), 'protobuf')).rejects.toThrow(/wire type 3 at byte \d+ is not used by OTLP/);
  });
});

describe('hostile bodies', () => {
  it('16 MiB of empty protobuf spans: maxSpans decoded, the other 8 million counted by length, in hundreds of steps', () => {
    const body = emptySpansProtobuf();
    const run = stepwise(body, 'protobuf', 50_000);
    expect(run.accepted).toBe(50_000);
    expect(run.spans).toBe(50_000);
    expect(run.accepted + run.rejected).toBe(Math.floor((DEFAULT_MAX_BODY_BYTES - 64) / 2));
    expect(run.pauses).toBeGreaterThan(500);
  });

  it('16 MiB of empty JSON span objects: the same, and no span object is built past the limit', () => {
    const run = stepwise(emptySpansJson(), 'json', 50_000);
    expect(run).toMatchObject({ accepted: 50_000, spans: 50_000 });
    expect(run.rejected).toBeGreaterThan(5_000_000);
    expect(run.pauses).toBeGreaterThan(200);
  });

  it('one span with 8 million fields, or a name of 8 million escapes, still pauses between chunks', () => {
    const fields = stepwise(manyFieldsProtobuf(), 'protobuf', 10);
    expect(fields).toMatchObject({ accepted: 1, rejected: 0 });
    expect(fields.pauses).toBeGreaterThan(500);
    const escapes = stepwise(escapedNameJson(), 'json', 10);
    expect(escapes).toMatchObject({ accepted: 1 });
    expect(escapes.pauses).toBeGreaterThan(200);
  });

  it('texts over MAX_TEXT_BYTES never become strings', async () => {
    const { spans } = await decode(longNamesProtobuf('api', { nameBytes: 60_000, count: 12 }), 'protobuf');
    expect(spans).toHaveLength(12);
    expect(new Set(spans.map((s) => s.name))).toEqual(new Set([TOO_LONG]));
    const { spans: json } = await decode(escapedNameJson(64 * 1024), 'json');
    expect(json.map((s) => s.name)).toEqual([TOO_LONG]);
  });

  it('an aborted decode stops at its next pause', async () => {
    const controller = new AbortController();
    const decoding = decodeExport(emptySpansProtobuf(), 'protobuf', { maxSpans: 10, signal: controller.signal }, () => {});
    controller.abort(new Error('gone'));
    await expect(decoding).rejects.toThrow('gone');
  });
});
