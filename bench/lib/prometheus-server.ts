/** Starts the real Prometheus of the benchmarked line (prometheus-binaries.ts) on a TSDB directory, and stops it. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from '../../test/support/ports.js';
import { httpOk, startProcess, waitFor, type RunningProcess } from '../../test/support/processes.js';
import { benchPrometheus } from './prometheus-binaries.js';

export interface PrometheusServer {
  url: string;
  stop: () => Promise<void>;
  output: () => string;
}

export interface PrometheusOptions {
  /** Rule files to evaluate live; none for a query-only server over backfilled blocks. */
  ruleFiles?: readonly string[];
  evaluationInterval?: string;
  /** host:port targets scraped every 30s, their labels and sample timestamps kept. */
  scrapeTargets?: readonly string[];
}

function scrapeConfigs(targets: readonly string[]): string {
  if (targets.length === 0) return '';
  const list = targets.map((t) => JSON.stringify(t)).join(', ');
  return `scrape_configs:\n  - job_name: live\n    scrape_interval: 30s\n    honor_labels: true\n    static_configs:\n      - targets: [${list}]\n`;
}

export async function startPrometheus(dataDir: string, options: PrometheusOptions = {}): Promise<PrometheusServer> {
  const port = await freePort();
  const config = path.join(dataDir, '..', `prometheus-${port}.yml`);
  const rules = (options.ruleFiles ?? []).map((f) => `  - ${JSON.stringify(f)}`).join('\n');
  await writeFile(
    config,
    `global:\n  evaluation_interval: ${options.evaluationInterval ?? '1m'}\n${rules ? `rule_files:\n${rules}\n` : ''}${scrapeConfigs(options.scrapeTargets ?? [])}`,
  );
  const proc: RunningProcess = startProcess(benchPrometheus(), [
    `--config.file=${config}`,
    `--storage.tsdb.path=${dataDir}`,
    // Backfilled data lies in the past: keep it all, and let queries read 30 days of samples.
    '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${port}`,
    '--query.max-samples=500000000',
    '--query.timeout=10m',
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('prometheus ready', () => httpOk(`${url}/-/ready`), 120_000, proc.output);
  return { url, stop: proc.stop, output: proc.output };
}
