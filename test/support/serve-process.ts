/** `burnrate serve` as its own process through the real CLI, on a given 127.0.0.1 port, with a YAML config file. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { REPO_ROOT } from './cli.js';
import { startProcess, waitFor, type RunningProcess } from './processes.js';

export interface ServeProcess {
  url: string;
  process: RunningProcess;
  stop: () => Promise<void>;
}

export interface ServeOptions {
  port: number;
  /** Compiled catalog (alerts/catalog.json from `burnrate generate`). */
  catalog: string;
  clusters: { name: string; url: string }[];
  /** Folder for the config file and the SQLite store. */
  dir: string;
  /** Evaluation interval, e.g. "1s"; tests keep it short. */
  interval: string;
}

export async function startServe(options: ServeOptions): Promise<ServeProcess> {
  const config = path.join(options.dir, 'burnrate-serve.yaml');
  await writeFile(
    config,
    stringify({
      server: { host: '127.0.0.1' },
      catalog: { path: options.catalog, watch: false },
      clusters: options.clusters,
      evaluation: { interval: options.interval },
      store: { sqlitePath: path.join(options.dir, 'burnrate.db') },
      log: { level: 'warn' },
    }),
  );
  const serve = startProcess(process.execPath, [path.join(REPO_ROOT, 'bin/burnrate.mjs'), 'serve', '--config', config, '--port', String(options.port)], {
    cwd: REPO_ROOT,
    env: {
      // As runCli: the sources, unless bin/test built dist/. No self-tracing: nothing may leave 127.0.0.1.
      ...(process.env.BURNRATE_CLI_FROM_DIST ? {} : { BURNRATE_FROM_SOURCE: '1' }),
      OTEL_SDK_DISABLED: 'true',
    },
  });
  const url = `http://127.0.0.1:${options.port}`;
  await waitFor('burnrate serve ready', async () => (await fetch(`${url}/readyz`)).ok, 60_000, serve.output);
  return { url, process: serve, stop: serve.stop };
}
