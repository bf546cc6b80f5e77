/**
 * Backfilled blocks overlap in time (raw series, then each level of recordings), and Prometheus merges
 * overlapping blocks in a vertical compaction about a minute after it starts. Left alone, that compaction
 * runs inside the first timed rule evaluations and bills one tool for it: this lets it finish first.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { startPrometheus } from './prometheus-server.js';

async function blockRanges(dataDir: string): Promise<Array<{ minTime: number; maxTime: number }>> {
  const dirs = (await readdir(dataDir, { withFileTypes: true })).filter((d) => d.isDirectory() && /^[0-9A-Z]{26}$/.test(d.name));
  const metas = await Promise.all(dirs.map(async (d) => readFile(path.join(dataDir, d.name, 'meta.json'), 'utf8').catch(() => undefined)));
  return metas.flatMap((m) => (m ? [JSON.parse(m) as { minTime: number; maxTime: number }] : []));
}

function overlapping(blocks: ReadonlyArray<{ minTime: number; maxTime: number }>): boolean {
  const sorted = [...blocks].sort((a, b) => a.minTime - b.minTime);
  return sorted.some((b, i) => i > 0 && b.minTime < (sorted[i - 1]?.maxTime ?? -Infinity));
}

/** Returns the seconds it waited; gives up after `timeoutMs` (the timings then include the compaction). */
export async function settleBlocks(dataDir: string, timeoutMs = 15 * 60_000): Promise<number> {
  const started = Date.now();
  if (!overlapping(await blockRanges(dataDir))) return 0;
  const server = await startPrometheus(dataDir);
  try {
    while (Date.now() - started < timeoutMs && overlapping(await blockRanges(dataDir))) await new Promise((r) => setTimeout(r, 5000));
  } finally {
    await server.stop();
  }
  return (Date.now() - started) / 1000;
}
