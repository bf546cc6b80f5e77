/**
 * Decodes one OTLP trace export body into SpanFacts in chunks: after each chunk the event loop runs (other
 * requests, /healthz, scrapes) before the next, and a closed connection stops the decode. At most
 * `maxSpans` spans are decoded; the rest are counted as rejected, for OTLP's partial-success answer.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DecodeState } from './decode-state.js';
import { decodeJson } from './json-decoder.js';
import { decodeProtobuf } from './proto-decoder.js';
import type { SpanFacts } from './span-facts.js';

export type OtlpEncoding = 'protobuf' | 'json';

export interface DecodeOptions {
  maxSpans: number;
  /** Aborted when the sender has gone: the decode stops at its next pause. */
  signal?: AbortSignal;
}

export interface DecodeOutcome {
  /** Spans decoded and handed to `onSpan`. */
  accepted: number;
  /** Spans past `maxSpans`, not decoded. */
  rejected: number;
}

/** Throws OtlpFormatError for a malformed body (no span of it should then be counted), or the signal's reason. */
export async function decodeExport(body: Buffer, encoding: OtlpEncoding, options: DecodeOptions, onSpan: (span: SpanFacts) => void): Promise<DecodeOutcome> {
  const st = new DecodeState(options.maxSpans, onSpan);
  const steps = encoding === 'json' ? decodeJson(body, st) : decodeProtobuf(body, st);
  while (!steps.next().done) {
    await nextTurn();
    options.signal?.throwIfAborted();
  }
  return { accepted: st.accepted, rejected: st.rejected };
}
