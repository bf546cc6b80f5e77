/** Runs the real Sloth CLI (installed by bin/setup into .tools/bin) to generate rules from specs. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const SLOTH_BIN = path.resolve(import.meta.dirname, '../../.tools/bin/sloth');

export function slothAvailable(): boolean {
  return existsSync(SLOTH_BIN);
}

/** `sloth generate -i <input> -o <out>`; input and out may both be directories. */
export function slothGenerate(input: string, out: string): void {
  if (!slothAvailable()) throw new Error(`sloth is not installed at ${SLOTH_BIN}: run bin/setup`);
  const result = spawnSync(SLOTH_BIN, ['generate', '--no-log', '-i', input, '-o', out], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sloth generate failed (${result.status}): ${result.stderr.slice(-3000)}`);
}
