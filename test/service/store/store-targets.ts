/**
 * The two real databases every store test runs on: a SQLite file and the local PostgreSQL, each test in
 * its own uniquely named schema (inside a database made for the test file), dropped afterwards. PostgreSQL that is down gets started, never skipped.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createStore, type StoreConfig, type StoreLogger } from '../../../src/service/store/create-store.js';
import type { SnapshotStore } from '../../../src/service/store/types.js';
import { makeTempDir } from '../../support/temp-dir.js';

export interface OpenedStore {
  store: SnapshotStore;
  /** What the store was opened with, to open the same database another way (a migration test). */
  config: StoreConfig;
  /** Opens another store on the same database (another replica, or a restart). */
  reopen(logger?: StoreLogger): SnapshotStore;
  dispose(): Promise<void>;
}

export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  open(extra?: Partial<StoreConfig>): Promise<OpenedStore>;
}

const USERS = ['postgres', 'root'];
let postgresUrl_: Promise<string> | undefined;

async function tryConnect(): Promise<string | undefined> {
  for (const user of USERS) {
    const url = `postgres://${user}@127.0.0.1:5432/test`;
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      return url;
    } catch {
      // next user, or the server is down
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return undefined;
}

async function findPostgres(): Promise<string> {
  const url = await tryConnect();
  if (url) return url;
  const version = readdirSync('/etc/postgresql')[0];
  if (!version) throw new Error('PostgreSQL is not installed (/etc/postgresql is empty)');
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  for (let attempt = 0; attempt < 50; attempt++) {
    const started = await tryConnect();
    if (started) return started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('PostgreSQL at 127.0.0.1:5432 did not accept connections after pg_ctlcluster start');
}

/** The local PostgreSQL's URL, starting the server first when it is down. */
export function postgresUrl(): Promise<string> {
  postgresUrl_ ??= findPostgres();
  return postgresUrl_;
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * One database per test file, one schema per test inside it. A database of its own, because kysely's
 * migrator introspects every schema of the database and fails when a parallel test drops one meanwhile.
 */
let fileDatabase: Promise<{ name: string; url: string }> | undefined;

function testDatabase(): Promise<{ name: string; url: string }> {
  fileDatabase ??= (async () => {
    const admin = await postgresUrl();
    const name = `burnrate_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(admin, `create database ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return { name, url: url.toString() };
  })();
  return fileDatabase;
}

/** Drops this file's test database; call from afterAll. */
export async function releaseTestDatabase(): Promise<void> {
  if (!fileDatabase) return;
  const { name } = await fileDatabase;
  fileDatabase = undefined;
  await adminQuery(await postgresUrl(), `drop database ${name} with (force)`);
}

export const STORE_TARGETS: StoreTarget[] = [
  {
    name: 'sqlite',
    async open(extra = {}) {
      // A real file (WAL, a second connection for reopen); ":memory:" is covered by its own test.
      const temp = await makeTempDir('burnrate-store-');
      const opened: SnapshotStore[] = [];
      const config = { sqlitePath: path.join(temp.dir, 'burnrate.db'), ...extra };
      const reopen = (logger?: StoreLogger) => {
        const store = createStore(config, logger);
        opened.push(store);
        return store;
      };
      return {
        store: reopen(),
        config,
        reopen,
        async dispose() {
          await Promise.all(opened.map((s) => s.close()));
          await temp.remove();
        },
      };
    },
  },
  {
    name: 'postgres',
    async open(extra = {}) {
      const { url } = await testDatabase();
      const schema = `burnrate_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(url, `create schema ${schema}`);
      const opened: SnapshotStore[] = [];
      const config = { databaseUrl: url, schema, ...extra };
      const reopen = (logger?: StoreLogger) => {
        const store = createStore(config, logger);
        opened.push(store);
        return store;
      };
      return {
        store: reopen(),
        config,
        reopen,
        async dispose() {
          await Promise.all(opened.map((s) => s.close()));
          await adminQuery(url, `drop schema ${schema} cascade`);
        },
      };
    },
  },
];
