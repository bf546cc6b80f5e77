/**
 * The reliability benchmark: each scenario `runs` times on real parts (the built service as processes,
 * PostgreSQL, a real Prometheus, the fake PagerDuty), medians in one table. A run that fails is reported
 * with its error, never retried or hidden; nothing is asserted.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { startBurningPrometheus } from './burning.js';
import { runCatalogSkew, type SkewResult } from './catalog-skew.js';
import { runFailover, type FailoverResult } from './failover.js';
import { runHungShutdown, type ShutdownResult } from './hung-shutdown.js';
import { runLeaderCrash, type CrashResult } from './leader-crash.js';
import { runOtlpFlood, type FloodResult } from './otlp-flood.js';
import { prepareLauncher, type Log } from './support.js';

export interface ReliabilityOptions {
  workDir: string;
  runs: number;
  floodSenders: number;
  floodSeconds: number;
  /** Scenario names to run (otlp-flood, failover, hung, endless, catalog-skew, leader-crash); default all. */
  only?: readonly string[];
  log: Log;
}

export interface Runs<T> {
  results: T[];
  errors: string[];
}

export interface ReliabilityResult {
  service: string;
  options: Omit<ReliabilityOptions, 'workDir' | 'log'>;
  flood: Runs<FloodResult>;
  failover: Runs<FailoverResult>;
  skew: Runs<SkewResult>;
  crash: Runs<CrashResult>;
  hung: Runs<ShutdownResult>;
  endless: Runs<ShutdownResult>;
}

const empty = <T>(): Runs<T> => ({ results: [], errors: [] });
const summary = ({ runs, floodSenders, floodSeconds }: ReliabilityOptions) => ({ runs, floodSenders, floodSeconds });

async function repeat<T>(name: string, options: ReliabilityOptions, scenario: (dir: string) => Promise<T>): Promise<Runs<T>> {
  const out: Runs<T> = { results: [], errors: [] };
  if (options.only?.length && !options.only.includes(name)) return out;
  for (let run = 1; run <= options.runs; run++) {
    const dir = path.join(options.workDir, `${name}-${run}`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const started = performance.now();
    try {
      const result = await scenario(dir);
      out.results.push(result);
      options.log(`${name} ${run}/${options.runs} (${Math.round((performance.now() - started) / 1000)} s): ${JSON.stringify(result)}`);
    } catch (error) {
      out.errors.push((error as Error).message.split('\n')[0] ?? String(error));
      options.log(`${name} ${run}/${options.runs} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }
  return out;
}

export async function runReliability(options: ReliabilityOptions): Promise<ReliabilityResult> {
  const { workDir, log } = options;
  await mkdir(workDir, { recursive: true });
  const launcher = prepareLauncher(log);
  log(`service: ${launcher.description}`);
  log(`OTLP flood: ${options.floodSenders} senders × ${options.floodSeconds} s`);
  const flood = await repeat('otlp-flood', options, (dir) => runOtlpFlood(launcher, dir, { senders: options.floodSenders, seconds: options.floodSeconds, idleSeconds: 5 }));
  log('failover: SIGKILL, then SIGTERM, of the leader of two replicas');
  const failover = await repeat('failover', options, (dir) => runFailover(launcher, dir));
  log('shutdown with a hung and an endless cluster');
  const hung = await repeat('hung', options, (dir) => runHungShutdown(launcher, dir, 'hung', 1000));
  const endless = await repeat('endless', options, (dir) => runHungShutdown(launcher, dir, 'endless', 3000));
  const paging = ['catalog-skew', 'leader-crash'].filter((name) => !options.only?.length || options.only.includes(name));
  if (paging.length === 0) return { service: launcher.description, options: summary(options), flood, failover, skew: empty(), crash: empty(), hung, endless };
  const promDir = path.join(workDir, 'prometheus');
  await rm(promDir, { recursive: true, force: true });
  const prometheus = await startBurningPrometheus(promDir);
  try {
    log(`paging: catalog skew, and a leader crash, against Prometheus at ${prometheus.url}`);
    const skew = await repeat('catalog-skew', options, (dir) => runCatalogSkew(launcher, dir, prometheus.url, { longStall: true }));
    const crash = await repeat('leader-crash', options, (dir) => runLeaderCrash(launcher, dir, prometheus.url));
    return { service: launcher.description, options: summary(options), flood, failover, skew, crash, hung, endless };
  } finally {
    await prometheus.stop();
  }
}
