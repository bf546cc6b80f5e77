/** Offsets in a text as line/column plus a caret excerpt, so a message can point at the exact spot. */

export interface TextPosition {
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The line holding the offset and a caret under it. */
  excerpt: string[];
}

const EXCERPT_WIDTH = 100;

export function positionOf(text: string, offset: number): TextPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, clamped);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', clamped) === -1 ? text.length : text.indexOf('\n', clamped);
  const column = clamped - lineStart + 1;
  let shown = text.slice(lineStart, lineEnd);
  let caretAt = column - 1;
  // Long one-line expressions: keep a window around the caret.
  if (shown.length > EXCERPT_WIDTH) {
    const start = Math.max(0, Math.min(caretAt - EXCERPT_WIDTH / 2, shown.length - EXCERPT_WIDTH));
    const prefix = start > 0 ? '…' : '';
    const suffix = start + EXCERPT_WIDTH < shown.length ? '…' : '';
    shown = `${prefix}${shown.slice(start, start + EXCERPT_WIDTH)}${suffix}`;
    caretAt = caretAt - start + prefix.length;
  }
  return { offset: clamped, line, column, excerpt: [shown, `${' '.repeat(caretAt)}^`] };
}
