/**
 * Backfills a real Prometheus TSDB with series of exactly known values through
 * `promtool tsdb create-blocks-from openmetrics`, for tests and benchmarks that need 30 days of history.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface BackfillSeries {
  name: string;
  labels: Record<string, string>;
  /** [unix seconds, value], ascending. */
  samples: readonly (readonly [number, number])[];
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
}

export function openMetricsText(series: readonly BackfillSeries[]): string {
  const lines: string[] = [];
  const byName = new Map<string, BackfillSeries[]>();
  for (const s of series) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  for (const [name, list] of byName) {
    lines.push(`# TYPE ${name} gauge`);
    for (const s of list) {
      const prefix = `${name}{${labelText(s.labels)}} `;
      for (const [t, v] of s.samples) lines.push(`${prefix}${v} ${t}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`))));
  });
}

/** Writes the series as TSDB blocks into `dataDir` (created when missing) with `promtool`, a line's binary. */
export async function backfill(promtool: string, dataDir: string, series: readonly BackfillSeries[]): Promise<void> {
  const input = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.om`);
  await writeFile(input, openMetricsText(series));
  // --max-block-duration is a hidden promtool flag (2.x and 3.x): without it every 2h block re-reads the whole input.
  await run(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '-q', '--max-block-duration=744h', input, dataDir]);
}
