/**
 * A Prometheus (the Debian binary) for the local stack: scrapes the workload and the service, evaluates the
 * generated rules, keeps its data in the stack's directory. Listens on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

export interface LocalPrometheusOptions {
  dataDir: string;
  port: number;
  ruleFiles: string[];
  /** host:port of each scrape target, by job. */
  targets: { job: string; address: string; honorLabels?: boolean }[];
  scrapeIntervalSeconds?: number;
  evaluationIntervalSeconds?: number;
  binary?: string;
}

export interface LocalPrometheus {
  url: string;
  child: ChildProcess;
  logFile: string;
  /** Resolves when the process has exited (for whatever reason). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function prometheusConfig(options: LocalPrometheusOptions): string {
  return stringify({
    global: { scrape_interval: `${options.scrapeIntervalSeconds ?? 5}s`, evaluation_interval: `${options.evaluationIntervalSeconds ?? 15}s` },
    rule_files: options.ruleFiles,
    scrape_configs: options.targets.map((t) => ({
      job_name: t.job,
      // The workload sets job/instance itself, as the SLO selectors expect.
      ...(t.honorLabels ? { honor_labels: true } : {}),
      static_configs: [{ targets: [t.address] }],
    })),
  });
}

async function ready(url: string, exited: Promise<unknown>, timeoutMs: number): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !done) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(done ? 'prometheus exited during start-up' : `prometheus not ready after ${timeoutMs}ms`);
}

export async function startLocalPrometheus(options: LocalPrometheusOptions): Promise<LocalPrometheus> {
  await mkdir(options.dataDir, { recursive: true });
  const configFile = path.join(options.dataDir, 'prometheus.yml');
  await writeFile(configFile, prometheusConfig(options));
  const logFile = path.join(options.dataDir, 'prometheus.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    options.binary ?? 'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(options.dataDir, 'data')}`,
      '--storage.tsdb.retention.time=35d',
      `--web.listen-address=127.0.0.1:${options.port}`,
    ],
    // Its own process group: a terminal's Ctrl-C reaches only `burnrate up`, which then stops it in order.
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  // Never leave it behind, even when the parent exits abruptly.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.on('error', () => resolve(null));
  });
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
    log.end();
  };
  try {
    await ready(url, exited, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; see ${logFile}`);
  }
  return { url, child, logFile, exited, stop };
}
