/** Opens kysely on PostgreSQL (a postgres:// URL) or embedded SQLite (a file, or ":memory:"). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { StoreDatabase, StoreDialect } from './database.js';


/** Below the default lease ttl, so a stalled leader's lock on the lease is gone before a takeover is due. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000;
export interface DatabaseConfig {
  /** postgres://… or postgresql://… selects PostgreSQL; anything else is an error, not a silent SQLite. */
  databaseUrl?: string;
  /** SQLite file when no databaseUrl is set; ":memory:" for tests. */
  sqlitePath?: string;
  /** PostgreSQL schema for the tables (default: the connection's search_path, usually "public"). */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export const DEFAULT_SQLITE_PATH = '.burnrate/burnrate.db';

/**
 * One store per SQLite file per process: better-sqlite3 is synchronous, so a second in-process writer
 * would wait out busy_timeout while blocking the first. Separate processes (a CLI reading) are fine (WAL).
 */
export function openDatabase(
  config: DatabaseConfig,
  onPoolError: (error: Error) => void = () => undefined,
): { db: Kysely<StoreDatabase>; dialect: StoreDialect } {
  if (config.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
      throw new Error('store: databaseUrl must start with postgres:// or postgresql:// (leave it unset for SQLite)');
    }
    if (config.schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(config.schema)) {
      throw new Error(`store: schema must be a plain identifier, got ${JSON.stringify(config.schema)}`);
    }
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize ?? 10,
      // A replica paused inside a transaction (a stalled process, a partition) would keep its row locks, the
      // evaluator lease's among them, and no other replica could take over; the server ends such sessions.
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
      ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
    });
    // An idle client losing its server (restart, failover) emits 'error'; unhandled, it would kill the process.
    pool.on('error', onPoolError);
    // So does a checked-out one, where the pool no longer listens: its query fails with the same error and is
    // reported by the caller, so the event only needs a listener.
    pool.on('connect', (client) => client.on('error', () => undefined));
    return { db: new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  const file = config.sqlitePath ?? DEFAULT_SQLITE_PATH;
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets readers (the API) run while the scheduler writes; NORMAL sync is safe with WAL.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  return { db: new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: sqlite }) }), dialect: 'sqlite' };
}
