/** Text from clusters reaches the API and pages only as one short line of plain, path-free text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_UPSTREAM_CHARS, sanitizeUpstream } from '../../../src/service/collect/sanitize-upstream.js';

describe('sanitizeUpstream', () => {
  it('drops control and format characters and collapses whitespace', () => {
    expect(sanitizeUpstream('a\u0000b\u0007c \r\n\t d\u200b\u202ee\u2028f')).toBe('a b c d e f');
  });

  it('cuts long text to the limit with an ellipsis, never inside a character', () => {
    const out = sanitizeUpstream('😀'.repeat(500));
    expect(Array.from(out)).toHaveLength(MAX_UPSTREAM_CHARS);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
  });

  it('reads HTML as its text, without scripts or styles', () => {
    expect(sanitizeUpstream('<html><head><title>403 Forbidden</title><style>p{}</style></head><body><h1>Access &amp; denied</h1><script>x()</script></body></html>')).toBe(
      '403 Forbidden Access & denied',
    );
  });

  it('keeps PromQL errors readable, including their operators', () => {
    expect(sanitizeUpstream('1:14: parse error: unexpected <EOF> in "a / b"')).toBe('1:14: parse error: unexpected <EOF> in "a / b"');
  });

  it('replaces local file paths, Unix and Windows', () => {
    expect(sanitizeUpstream("ENOENT: no such file or directory, open '/var/run/secrets/token'")).toBe("ENOENT: no such file or directory, open '[path]'");
    expect(sanitizeUpstream('cannot open C:\\burnrate\\token.txt')).toBe('cannot open [path]');
    expect(sanitizeUpstream('GET http://mimir:8080/prometheus/api/v1/query')).toBe('GET http://mimir:8080/prometheus/api/v1/query');
  });

  it('says so when nothing readable is left', () => {
    expect(sanitizeUpstream('\u0000\u0001  \n')).toBe('(empty)');
  });

  it('always returns one short line of printable text, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (input) => {
        const out = sanitizeUpstream(input);
        expect(Array.from(out).length).toBeLessThanOrEqual(MAX_UPSTREAM_CHARS);
        expect(out).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u);
        expect(out).toBe(out.trim());
      }),
    );
  });
});
