/**
 * Shared parts of the reliability benchmark: the built service started as its own process
 * (`node bin/burnrate.mjs serve --config <file>`), its memory read from /proc, throwaway PostgreSQL
 * databases, polling, medians.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { stringify } from 'yaml';
import { freePort } from '../../test/support/ports.js';
import { adminQuery, postgresUrl } from '../../test/service/store/store-targets.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export type Log = (line: string) => void;

/** How the service is started: the repository's bin/burnrate.mjs on a dist/ built from the current sources. */
export interface Launcher {
  script: string;
  description: string;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(file));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

/** Where the sources are compiled when dist/ is stale: outside the trees tsc and ESLint check, beside node_modules. */
const BUILD_DIR = path.join(ROOT, 'node_modules/.cache/burnrate-bench-reliability');

/**
 * dist/ when it is newer than every source file (`npm run bench` builds it first); otherwise the sources
 * are compiled (tsc, no type check) into node_modules/.cache, next to a copy of bin/burnrate.mjs, so the
 * service runs as built JavaScript, as deployed, never through the TypeScript loader.
 */
export function prepareLauncher(log: Log): Launcher {
  const built = path.join(ROOT, 'dist/src/cli/main.js');
  const sources = newestMtime(path.join(ROOT, 'src'));
  let fresh = false;
  try {
    fresh = statSync(built).mtimeMs >= sources;
  } catch {
    // no dist/
  }
  if (fresh) return { script: path.join(ROOT, 'bin/burnrate.mjs'), description: 'dist/ (built from the current sources)' };
  const script = path.join(BUILD_DIR, 'bin/burnrate.mjs');
  const description = 'the current sources compiled by tsc into node_modules/.cache/burnrate-bench-reliability (dist/ was older)';
  try {
    if (statSync(path.join(BUILD_DIR, 'dist/src/cli/main.js')).mtimeMs >= sources && statSync(script).isFile()) return { script, description };
  } catch {
    // not built yet
  }
  log('dist/ is older than src/: compiling the sources into node_modules/.cache/burnrate-bench-reliability');
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const tsc = spawnSync(
    path.join(ROOT, 'node_modules/.bin/tsc'),
    ['-p', 'tsconfig.build.json', '--noCheck', '--declaration', 'false', '--sourceMap', 'false', '--outDir', path.join(BUILD_DIR, 'dist')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (tsc.status !== 0) throw new Error(`tsc failed: ${tsc.stdout}${tsc.stderr}`);
  mkdirSync(path.join(BUILD_DIR, 'bin'), { recursive: true });
  copyFileSync(path.join(ROOT, 'bin/burnrate.mjs'), script);
  return { script, description };
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** performance.now() at exit. */
  at: number;
}

export interface ServeProcess {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** The last 512 KiB of stdout and stderr (all of it is in <dir>/<name>.log). */
  output: () => string;
  exited: Promise<ExitInfo>;
  running: () => boolean;
  signal: (signal: NodeJS.Signals) => void;
  /** SIGCONT, SIGTERM, and SIGKILL after 10 s; resolves once the process is gone. */
  stop: () => Promise<void>;
}

const OUTPUT_KEEP = 512 * 1024;

/** Writes `config` (server.port filled in) as YAML into `dir` and starts `burnrate serve` on it; waits for /healthz. */
export async function startServe(launcher: Launcher, options: { name: string; dir: string; config: Record<string, unknown>; nodeArgs?: string[] }): Promise<ServeProcess> {
  const port = await freePort();
  const file = path.join(options.dir, `${options.name}.yaml`);
  await writeFile(file, stringify({ ...options.config, server: { host: '127.0.0.1', port } }));
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), launcher.script, 'serve', '--config', file], {
    cwd: ROOT,
    env: { ...process.env, BURNRATE_FROM_SOURCE: '', OTEL_SDK_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Everything also goes to <dir>/<name>.log, to read after a surprising run.
  const logFile = createWriteStream(path.join(options.dir, `${options.name}.log`));
  child.once('exit', () => logFile.end());
  const keep = (chunk: Buffer) => {
    logFile.write(chunk);
    output += chunk.toString();
    if (output.length > OUTPUT_KEEP * 2) output = output.slice(-OUTPUT_KEEP);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<ExitInfo>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = (s: NodeJS.Signals) => {
    if (running()) child.kill(s);
  };
  const serve: ServeProcess = {
    name: options.name,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    child,
    output: () => output.slice(-OUTPUT_KEEP),
    exited,
    running,
    signal,
    async stop() {
      if (!running()) return;
      signal('SIGCONT');
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await until(`${options.name} /healthz`, async () => {
      if (!running()) throw new Gone(`${options.name} exited: ${output.slice(-3000)}`);
      return (await getJson(`${serve.url}/healthz`)).status === 200;
    }, 60_000);
  } catch (error) {
    await serve.stop();
    throw error;
  }
  return serve;
}

/** Stops every process given, whatever state each is in. */
export async function stopAll(processes: readonly (ServeProcess | undefined)[]): Promise<void> {
  await Promise.all(processes.map((p) => p?.stop()));
}

export async function getJson(url: string, timeoutMs = 2000): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return { status: response.status, body };
}

export interface Readiness {
  ready: boolean;
  role?: 'leader' | 'standby';
  evaluatedAt?: number;
}

/** /readyz of a replica; not ready when it cannot be reached. */
export async function readyz(serve: ServeProcess): Promise<Readiness> {
  try {
    const { status, body } = await getJson(`${serve.url}/readyz`);
    if (status !== 200) return { ready: false };
    return { ready: true, role: body.role as Readiness['role'], evaluatedAt: Date.parse(String(body.evaluatedAt)) };
  } catch {
    return { ready: false };
  }
}

/** Thrown by a check to stop polling at once: what it waits for can no longer happen. */
export class Gone extends Error {}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `promise`, or undefined after `ms`; the timer does not keep the process alive. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref())]);
}

/** Polls `check` every `everyMs` until true; returns the ms it took. Throws after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      if (await check()) return performance.now() - started;
    } catch (error) {
      if (error instanceof Gone) throw error;
    }
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** VmRSS and VmHWM (peak) of a process in MB (MiB), or undefined once it is gone. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const rss = kb('VmRSS');
    const peak = kb('VmHWM');
    // A zombie (exited, not yet reaped) has no Vm* lines.
    return Number.isNaN(rss) || Number.isNaN(peak) ? undefined : { rssMb: rss / 1024, peakMb: peak / 1024 };
  } catch {
    return undefined;
  }
}

/** Samples a process's memory until stopped; the peak includes moments between samples (VmHWM). */
export function watchMemory(pid: number, everyMs = 100): { stop: () => { peakMb: number; maxRssMb: number } } {
  let peakMb = 0;
  let maxRssMb = 0;
  const sample = () => {
    const m = memoryOf(pid);
    if (!m) return;
    peakMb = Math.max(peakMb, m.peakMb);
    maxRssMb = Math.max(maxRssMb, m.rssMb);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      sample();
      clearInterval(timer);
      return { peakMb, maxRssMb };
    },
  };
}

/** A database of its own on the local PostgreSQL (started when down), dropped by `drop()`. */
export async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = await postgresUrl();
  const name = `burnrate_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(admin, `create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(admin, `drop database if exists ${name} with (force)`) };
}

/** The pid in the evaluator lease's holder (`<hostname>-<pid>-<random>`), when the lease is held. */
export async function leaseHolderPid(databaseUrl: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ holder: string; expires_at: string }>("select holder, expires_at from leader_lease where name = 'evaluator'");
    const row = rows[0];
    if (!row || Number(row.expires_at) <= Date.now()) return undefined;
    const pid = /-(\d+)-[0-9a-f]+$/.exec(row.holder)?.[1];
    return pid === undefined ? undefined : Number(pid);
  } finally {
    await client.end();
  }
}

/**
 * What holds up writers on the database right now: sessions idle inside a transaction (their locks held)
 * and sessions waiting for a lock, e.g. a standby's lease update behind a stalled leader's transaction.
 */
export async function lockWaits(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string; wait: string | null; query: string }>(
      "select state, wait_event_type as wait, left(query, 60) as query from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and (state = 'idle in transaction' or wait_event_type = 'Lock')",
    );
    if (rows.length === 0) return 'no session idle in a transaction or waiting for a lock';
    return rows.map((r) => `${r.wait === 'Lock' ? 'waiting for a lock' : r.state}: ${r.query}`).join('; ');
  } finally {
    await client.end();
  }
}

/** The q-quantile (0..1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}
