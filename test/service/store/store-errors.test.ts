/**
 * Which store errors mean "the database is unavailable": each case is the real error of the real driver
 * (pg against the local PostgreSQL, better-sqlite3 on a file), except the SQLSTATEs no test can provoke.
 */
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../../src/service/store/create-store.js';
import { classifyStoreError, isStoreUnavailable } from '../../../src/service/store/store-errors.js';
import { freePort } from '../../support/ports.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { adminQuery, postgresUrl } from './store-targets.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('PostgreSQL errors', () => {
  it('a refused connection is unavailable', async () => {
    const store = createStore({ databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/test` });
    try {
      expect(classifyStoreError(await rejection(store.ping()))).toEqual({ unavailable: true, reason: 'connection refused (ECONNREFUSED)' });
    } finally {
      await store.close();
    }
  });

  it('a backend terminated by the administrator (57P01) is unavailable', async () => {
    const url = await postgresUrl();
    const name = `burnrate_terminate_${process.pid}`;
    const client = new pg.Client({ connectionString: url, application_name: name });
    client.on('error', () => undefined); // the socket closes after the error reply
    await client.connect();
    try {
      const running = rejection(client.query('select pg_sleep(60)'));
      // Terminate only once the query runs, so the error is the server's reply and not a failed connect.
      await vi.waitFor(async () => {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        try {
          const { rows } = await admin.query("select pid from pg_stat_activity where application_name = $1 and state = 'active'", [name]);
          expect(rows).toHaveLength(1);
        } finally {
          await admin.end();
        }
      }, { timeout: 20_000 });
      await adminQuery(url, `select pg_terminate_backend(pid) from pg_stat_activity where application_name = '${name}'`);
      const error = await running;
      expect((error as { code?: string }).code).toBe('57P01');
      expect(classifyStoreError(error)).toEqual({ unavailable: true, reason: 'server shutting down (57P01)' });
    } finally {
      await client.end().catch(() => undefined);
    }
  });

  it('a pool with no free connection in time is unavailable', async () => {
    const pool = new pg.Pool({ connectionString: await postgresUrl(), max: 1 });
    const held = await pool.connect();
    // Only the wait for a free client times out: the one connection is held, so it never frees up.
    pool.options.connectionTimeoutMillis = 20;
    try {
      const error = await rejection(pool.connect());
      expect(classifyStoreError(error)).toEqual({ unavailable: true, reason: 'connection pool timeout' });
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('a server that accepts but never answers is unavailable', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/test`, connectionTimeoutMillis: 50 });
    try {
      expect(classifyStoreError(await rejection(pool.query('select 1')))).toEqual({ unavailable: true, reason: 'connection timed out' });
    } finally {
      await pool.end();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('a query the server rejects is a store error, not an outage', async () => {
    const client = new pg.Client({ connectionString: await postgresUrl() });
    await client.connect();
    try {
      const error = await rejection(client.query('select * from no_such_table'));
      expect((error as { code?: string }).code).toBe('42P01');
      expect(classifyStoreError(error)).toEqual({ unavailable: false, reason: 'store error' });
    } finally {
      await client.end();
    }
  });

  it.each([
    ['08006', 'connection exception (08006)'],
    ['08001', 'connection exception (08001)'],
    ['57P03', 'server not accepting connections yet (57P03)'],
    ['53300', 'server out of resources (53300)'],
    ['53100', 'server out of resources (53100)'],
    ['28P01', 'authentication failed (28P01)'],
    ['58030', 'server system error (58030)'],
  ])('SQLSTATE %s, which no test provokes, is unavailable', (code, reason) => {
    expect(classifyStoreError(Object.assign(new Error('from the server'), { code }))).toEqual({ unavailable: true, reason });
  });
});

describe('SQLite errors', () => {
  const temp = makeTempDir('burnrate-sqlite-errors-');
  afterAll(async () => (await temp).remove());

  it('a database another connection holds locked is unavailable (SQLITE_BUSY)', async () => {
    const file = path.join((await temp).dir, 'busy.db');
    const holder = new Database(file);
    const writer = new Database(file, { timeout: 0 });
    try {
      holder.pragma('journal_mode = WAL');
      holder.exec('create table t (x integer)');
      holder.exec('begin immediate');
      const error = thrown(() => writer.prepare('insert into t values (1)').run());
      expect(classifyStoreError(error)).toEqual({ unavailable: true, reason: 'database busy (SQLITE_BUSY)' });
    } finally {
      holder.exec('rollback');
      writer.close();
      holder.close();
    }
  });

  it('a database file that cannot be opened is unavailable (SQLITE_CANTOPEN)', async () => {
    // A directory where the file should be (better-sqlite3 checks a missing directory itself).
    const { dir } = await temp;
    const error = thrown(() => new Database(dir));
    expect(classifyStoreError(error)).toEqual({ unavailable: true, reason: 'cannot open the database file (SQLITE_CANTOPEN)' });
  });

  it('a bad statement is a store error, not an outage', () => {
    const db = new Database(':memory:');
    try {
      expect(isStoreUnavailable(thrown(() => db.exec('selec 1')))).toBe(false);
    } finally {
      db.close();
    }
  });
});

describe('errors without a driver', () => {
  it('look through causes and aggregate errors, and treat the unknown as a store error', () => {
    const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
    expect(isStoreUnavailable(new AggregateError([new Error('other'), refused]))).toBe(true);
    expect(isStoreUnavailable(new Error('wrapped', { cause: refused }))).toBe(true);
    expect(classifyStoreError(new Error('boom'))).toEqual({ unavailable: false, reason: 'store error' });
    expect(isStoreUnavailable('not an error')).toBe(false);
  });
});
