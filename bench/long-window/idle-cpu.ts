/**
 * The CPU a rule-less Prometheus spends per 30 seconds on a fleet's data while the bench polls its /metrics as
 * rule-cost.ts does: the floor under "CPU per cycle" in the fleet matrix, to subtract before comparing tools.
 *
 *   node --import jiti/register bench/long-window/idle-cpu.ts bench/.work/long-window-fleet/10x5x15/data
 */
import { startPrometheus } from '../lib/prometheus-server.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('name a TSDB directory');
const server = await startPrometheus(dataDir);
const metrics = async () => (await fetch(`${server.url}/metrics`)).text();
const cpuSeconds = async () => Number(/^process_cpu_seconds_total (\S+)$/m.exec(await metrics())?.[1]);
try {
  await new Promise((r) => setTimeout(r, 75_000)); // past the first block reload and compaction check
  const before = await cpuSeconds();
  const started = Date.now();
  while (Date.now() - started < 90_000) {
    for (let i = 0; i < 3; i++) await metrics();
    await new Promise((r) => setTimeout(r, 2000));
  }
  const perSecond = ((await cpuSeconds()) - before) / ((Date.now() - started) / 1000);
  process.stdout.write(`idle CPU per 30 s: ${(perSecond * 30_000).toFixed(0)} ms\n`);
} finally {
  await server.stop();
}
