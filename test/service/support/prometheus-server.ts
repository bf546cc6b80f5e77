/** A real Prometheus (`binary`, one line of stack-tools.ts) on a free 127.0.0.1 port over a given TSDB directory. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from '../../support/ports.js';
import { startProcess, waitFor, type RunningProcess } from '../../support/processes.js';

export interface PrometheusServer {
  url: string;
  port: number;
  process: RunningProcess;
  stop: () => Promise<void>;
}

export async function startPrometheus(
  dataDir: string,
  options: { binary: string; routePrefix?: string; config?: string; extraArgs?: string[]; port?: number },
): Promise<PrometheusServer> {
  const port = options.port ?? (await freePort());
  const configFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}-prometheus.yml`);
  await writeFile(configFile, options.config ?? 'global:\n  evaluation_interval: 1m\n');
  const prefix = options.routePrefix ?? '';
  const process = startProcess(options.binary, [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${dataDir}`,
    // Backfilled history reaches 30+ days back; the default 15d retention would delete it.
    '--storage.tsdb.retention.time=400d',
    `--web.listen-address=127.0.0.1:${port}`,
    ...(prefix ? [`--web.route-prefix=${prefix}`, `--web.external-url=http://127.0.0.1:${port}${prefix}`] : []),
    ...(options.extraArgs ?? []),
  ]);
  const url = `http://127.0.0.1:${port}${prefix}`;
  await waitFor('prometheus ready', async () => (await fetch(`${url}/-/ready`)).ok, 60_000, process.output);
  return { url, port, process, stop: process.stop };
}
