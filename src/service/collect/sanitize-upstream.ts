/**
 * Makes text that came from a cluster (error bodies, proxy pages, socket errors) safe to show in the API,
 * logs and pages: one short line of printable text, no markup, no local file paths.
 */

export const MAX_UPSTREAM_CHARS = 200;
/** Only the start of a body is looked at: a 1 MB page must not cost 1 MB of regex work. */
const SCAN_CHARS = 16_384;

// Control and format characters (NUL, ESC, bidi overrides), line separators and lone surrogate halves.
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
const HTML = /^\s*<(?:!doctype|html|head|body|\?xml|[a-z][\w-]*[\s>/])/i;
const HTML_BLOCKS = /<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const TAGS = /<[^>]*>?/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
// Absolute Unix paths of two or more segments, and Windows drive paths, wherever a word may start.
const UNIX_PATH = /(^|[\s'"`(=,:[])\/[\w.@~+-]+(?:\/[\w.@~+-]*)+/g;
const WINDOWS_PATH = /(^|[\s'"`(=,:[])[A-Za-z]:\\[^\s'"`)]*/g;

function stripHtml(text: string): string {
  return text
    .replace(HTML_BLOCKS, ' ')
    .replace(TAGS, ' ')
    .replace(/&(#39|[a-z]+);/gi, (entity: string, name: string) => ENTITIES[name.toLowerCase()] ?? entity);
}

/** One line of at most `max` characters (an ellipsis marks a cut); "(empty)" when nothing readable is left. */
export function sanitizeUpstream(input: unknown, max = MAX_UPSTREAM_CHARS): string {
  let text = (typeof input === 'string' ? input : String(input)).slice(0, SCAN_CHARS);
  if (HTML.test(text)) text = stripHtml(text);
  text = text
    .replace(CONTROL, ' ')
    .replace(UNIX_PATH, '$1[path]')
    .replace(WINDOWS_PATH, '$1[path]')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return '(empty)';
  // Cut by code points so an emoji is never split into a broken half.
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
