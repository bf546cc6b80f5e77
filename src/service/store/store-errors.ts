/**
 * Tells "the database cannot be reached right now" (retry later, answer 503) from every other store error
 * (a bug or a schema problem, answer 500). Reasons are fixed texts from error codes, never the driver's
 * message, so no host, port or file path leaks into a response.
 */

export interface StoreErrorClass {
  /** The database is unreachable, shutting down, overloaded or locked: the same call may work later. */
  unavailable: boolean;
  /** A short, fixed description ("connection refused (ECONNREFUSED)"); "store error" when not unavailable. */
  reason: string;
}

/** Socket errors of the pg driver (Node's net module). */
const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
};

/**
 * PostgreSQL SQLSTATEs of a server that cannot serve us now, whatever we send: going away, refusing
 * connections, out of resources, or the database or our role gone (a restore, a rotated password).
 */
const POSTGRES: Record<string, string> = {
  '57P01': 'server shutting down',
  '57P02': 'server crashed',
  '57P03': 'server not accepting connections yet',
  '3D000': 'database does not exist',
};
const POSTGRES_CLASSES: Record<string, string> = {
  '08': 'connection exception',
  '28': 'authentication failed',
  '53': 'server out of resources',
  '58': 'server system error',
};

/** pg raises these without a code: pool checkout timeouts and connections dropped mid-query. */
const PG_MESSAGES: [RegExp, string][] = [
  [/timeout exceeded when trying to connect/i, 'connection pool timeout'],
  [/connection terminated due to connection timeout/i, 'connection timed out'],
  [/connection terminated/i, 'connection terminated'],
  [/connection error and is not queryable/i, 'connection lost'],
];

/** better-sqlite3 codes (extended codes such as SQLITE_BUSY_SNAPSHOT share the prefix). */
const SQLITE: [string, string][] = [
  ['SQLITE_BUSY', 'database busy'],
  ['SQLITE_LOCKED', 'database locked'],
  ['SQLITE_CANTOPEN', 'cannot open the database file'],
  ['SQLITE_IOERR', 'disk I/O error'],
  ['SQLITE_FULL', 'disk full'],
];

function codeReason(code: string): string | undefined {
  if (NETWORK[code]) return `${NETWORK[code]} (${code})`;
  if (POSTGRES[code]) return `${POSTGRES[code]} (${code})`;
  const pgClass = /^[0-9A-Z]{5}$/.test(code) ? POSTGRES_CLASSES[code.slice(0, 2)] : undefined;
  if (pgClass) return `${pgClass} (${code})`;
  const sqlite = SQLITE.find(([prefix]) => code.startsWith(prefix));
  return sqlite ? `${sqlite[1]} (${code})` : undefined;
}

function ownReason(error: object): string | undefined {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const byCode = typeof code === 'string' ? codeReason(code) : undefined;
  if (byCode) return byCode;
  return typeof message === 'string' ? PG_MESSAGES.find(([pattern]) => pattern.test(message))?.[1] : undefined;
}

/** Looks through causes and AggregateErrors (a refused connection to "localhost" tries ::1 and 127.0.0.1). */
function findReason(error: unknown, depth: number): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const own = ownReason(error);
  if (own) return own;
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  for (const inner of [cause, ...(Array.isArray(errors) ? errors : [])]) {
    const found = findReason(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function classifyStoreError(error: unknown): StoreErrorClass {
  const reason = findReason(error, 0);
  return reason ? { unavailable: true, reason } : { unavailable: false, reason: 'store error' };
}

export function isStoreUnavailable(error: unknown): boolean {
  return classifyStoreError(error).unavailable;
}
