/**
 * How big a year of history gets: 1,000 SLOs (one series each) after retention, in SQLite.
 * Feeds the real store the shape a year leaves behind (raw points for the raw period at the evaluation
 * interval, two points per hour before that, two per day before that), runs the real retention, then
 * measures rows per resolution and the SQLite file size after VACUUM.
 *
 *   npx jiti bench/store-size.ts [--slos 1000] [--interval-seconds 60] [--days 365]
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { computeSnapshot } from '../src/service/engine/compute-snapshot.js';
import type { BudgetSnapshot } from '../src/service/engine/types.js';
import type { Slo } from '../src/core/model/slo.js';
import { createStore } from '../src/service/store/create-store.js';
import { DEFAULT_RETENTION } from '../src/service/store/retention.js';

const { values } = parseArgs({
  options: { slos: { type: 'string', default: '1000' }, 'interval-seconds': { type: 'string', default: '60' }, days: { type: 'string', default: '365' } },
});
const slos = Number(values.slos);
const intervalMs = Number(values['interval-seconds']) * 1000;
const days = Number(values.days);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.parse('2026-01-01T00:00:00Z');

function template(id: string): BudgetSnapshot {
  const slo = { id, objectivePercent: 99.9, window: { kind: 'rolling', days: 30 } } as Slo;
  return computeSnapshot(slo, { sloId: id, group: {}, clusters: [{ cluster: 'eu', status: 'ok', window: { good: 9_990_123, total: 10_000_000 }, alertWindows: {} }] }, new Date(now));
}

/** Timestamps a year leaves before retention has run on them (oldest first). */
function timestamps(): number[] {
  const out: number[] = [];
  const start = now - days * DAY;
  for (let t = start; t < now - DEFAULT_RETENTION.hourly; t += DAY / 2) out.push(t);
  for (let t = Math.max(start, now - DEFAULT_RETENTION.hourly); t < now - DEFAULT_RETENTION.raw; t += HOUR / 2) out.push(t);
  for (let t = now - DEFAULT_RETENTION.raw; t < now; t += intervalMs) out.push(t);
  return out;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'burnrate-bench-'));
const file = path.join(dir, 'burnrate.db');
try {
  const store = createStore({ sqlitePath: file });
  await store.migrate();
  const times = timestamps();
  const ids = Array.from({ length: slos }, (_, i) => `svc-${String(i).padStart(4, '0')}-availability`);
  const templates = ids.map(template);
  let inserted = 0;
  for (let from = 0; from < times.length; from += 50) {
    const batch = times.slice(from, from + 50).flatMap((t) => templates.map((s) => ({ ...s, at: new Date(t) })));
    await store.saveSnapshots(batch);
    inserted += batch.length;
  }
  const retention = await store.applyRetention(new Date(now));
  await store.close();

  const db = new Database(file);
  const rows = db.prepare('select resolution, count(*) as n from budget_snapshots group by resolution order by resolution').all() as { resolution: string; n: number }[];
  db.exec('vacuum');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const objects = db.prepare('select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc').all() as { name: string; bytes: number }[];
  db.close();
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  const bytes = statSync(file).size;
  console.log(`SLOs ${slos}, interval ${intervalMs / 1000}s, ${days} days, retention raw ${DEFAULT_RETENTION.raw / DAY}d / hourly ${DEFAULT_RETENTION.hourly / DAY}d / daily ${DEFAULT_RETENTION.daily / DAY}d`);
  console.log(`inserted ${inserted} rows; retention folded ${retention.downsampled}, deleted ${retention.deleted}`);
  for (const r of rows) console.log(`  ${r.resolution.padEnd(6)} ${r.n} rows (${(r.n / slos).toFixed(0)} per SLO)`);
  for (const o of objects) console.log(`  ${o.name.padEnd(34)} ${(o.bytes / 1024 / 1024).toFixed(1).padStart(7)} MiB`);
  console.log(`total ${total} rows, SQLite file ${bytes} bytes (${(bytes / 1024 / 1024).toFixed(1)} MiB, ${(bytes / total).toFixed(0)} bytes/row)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
