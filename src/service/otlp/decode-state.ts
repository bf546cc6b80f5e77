/**
 * What a decode of one export request shares between its steps: the span limit (spans past it are counted,
 * not decoded), the work done since the last pause, and where decoded spans go.
 */
import type { SpanFacts } from './span-facts.js';

/** Units of work (fields, tokens, bytes/64) between two pauses of a decode: a few milliseconds. */
export const WORK_PER_CHUNK = 8_192;

/** A body that is not a well-formed ExportTraceServiceRequest; `path` names where, outermost first. */
export class OtlpFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(path.length > 0 ? `${formatPath(path)}: ${reason}` : reason);
  }

  /** The same error one level further out (`resourceSpans[2]` around `scopeSpans[0]…`). */
  within(...outer: (string | number)[]): OtlpFormatError {
    return new OtlpFormatError(this.reason, [...outer, ...this.path]);
  }
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export class DecodeState {
  /** Spans decoded and handed on. */
  accepted = 0;
  /** Spans past the limit: counted, not decoded. */
  rejected = 0;
  #work = 0;

  constructor(
    readonly maxSpans: number,
    readonly onSpan: (span: SpanFacts) => void,
  ) {}

  /** Whether the next span may be decoded; if not it counts as rejected. */
  admit(): boolean {
    if (this.accepted < this.maxSpans) {
      this.accepted++;
      return true;
    }
    this.rejected++;
    return false;
  }

  /** Adds work without pausing (inside a small message). */
  spend(units: number): void {
    this.#work += units;
  }

  /** Adds work; true when the decoder should pause and let the event loop run. */
  tick(units = 1): boolean {
    this.#work += units;
    if (this.#work < WORK_PER_CHUNK) return false;
    this.#work = 0;
    return true;
  }
}
