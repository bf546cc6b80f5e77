/**
 * Reliability of the service, measured on real parts: prints one markdown table of medians over
 * BENCH_RUNS runs (default 3). About 10 minutes on 2 cores; needs the local PostgreSQL (127.0.0.1:5432)
 * and the Prometheus 3.x that bin/setup builds.
 *
 *   node --import jiti/register bench/reliability/run.ts      (or: npm run bench -- reliability)
 *
 * BENCH_OTLP_SENDERS (default 8) and BENCH_OTLP_SECONDS (default 20) size the OTLP flood; BENCH_RELIABILITY
 * (e.g. "failover,leader-crash") runs only those scenarios.
 */
import os from 'node:os';
import path from 'node:path';
import { runReliability } from './reliability.js';
import { reliabilityTable } from './report.js';
import { ROOT } from './support.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (line: string) => process.stderr.write(`[reliability] ${line}\n`);

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at start; Node ${process.version}; ${new Date().toISOString()}`;
const result = await runReliability({
  workDir: path.join(ROOT, 'bench/.work/reliability'),
  runs: env('BENCH_RUNS', 3),
  floodSenders: env('BENCH_OTLP_SENDERS', 8),
  floodSeconds: env('BENCH_OTLP_SECONDS', 20),
  only: (process.env.BENCH_RELIABILITY ?? '').split(',').filter(Boolean),
  log,
});
process.stdout.write(`Machine: ${machine}\n\n${reliabilityTable(result)}`);
