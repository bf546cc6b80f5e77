/**
 * Where `burnrate generate` spends its time on the generation bench's 1,000 SLOs, phase by phase on one thread:
 * loading and validating the definitions, rendering every artifact, encoding the text as UTF-8 and writing the
 * files. Medians of several rounds in one process (the first round also pays for JIT compilation).
 *
 *   node --import jiti/register bench/generation-speed/phases.ts [--rounds 5]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadAndValidate } from '../../src/cli/definitions.js';
import { generateArtifacts } from '../../src/toolkit/generate/artifacts.js';
import { table } from '../lib/markdown.js';
import { median } from '../lib/stats.js';
import { writeSpecs } from './specs.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const WORK = path.resolve(import.meta.dirname, '../.work/generation-phases');
const specs = await writeSpecs(WORK, 100, 10);
const times: Record<string, number[]> = { 'load and validate': [], render: [], 'UTF-8 encoding': [], write: [] };
let megabytes = 0;
let files = 0;
for (let round = 0; round < Number(values.rounds); round++) {
  let start = performance.now();
  const lap = (phase: string) => {
    times[phase]?.push(performance.now() - start);
    start = performance.now();
  };
  const result = await loadAndValidate([specs.burnrate]);
  lap('load and validate');
  const artifacts = generateArtifacts(result.slos);
  lap('render');
  const encoded = [...artifacts].map(([file, text]) => [file, Buffer.from(text, 'utf8')] as const);
  lap('UTF-8 encoding');
  const out = path.join(WORK, 'out');
  rmSync(out, { recursive: true, force: true });
  start = performance.now();
  for (const [file, bytes] of encoded) {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), bytes);
  }
  lap('write');
  megabytes = encoded.reduce((sum, [, b]) => sum + b.length, 0) / 1e6;
  files = encoded.length;
}
const rows = Object.entries(times).map(([phase, ms]) => [phase, `${median(ms).toFixed(0)} ms`, ms.map((m) => m.toFixed(0)).join(', ')]);
process.stdout.write(`${result()}\n`);

function result(): string {
  return `1000 SLOs, ${files} files, ${megabytes.toFixed(1)} MB, one thread, ${values.rounds} rounds:\n\n${table(['phase', 'median', 'rounds'], rows)}\n`;
}
