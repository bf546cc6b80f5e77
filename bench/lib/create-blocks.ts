/** OpenMetrics file to TSDB blocks with promtool, in blocks of up to ~20 days so the input is read only a few times. */
import { spawn } from 'node:child_process';
import { benchPromtool } from './prometheus-binaries.js';

export function createBlocks(openMetricsFile: string, dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // --max-block-duration is a hidden promtool flag; without it every 2h block re-reads the whole input.
    const child = spawn(benchPromtool(), ['tsdb', 'create-blocks-from', 'openmetrics', '-q', '--max-block-duration=744h', openMetricsFile, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`promtool create-blocks-from openmetrics failed (${code}):\n${output.slice(-3000)}`))));
  });
}
