/**
 * Generation speed: the built `burnrate generate` (dist/, run `npm run build` first) against `sloth generate`
 * on the same 1,000 SLOs, whole processes timed by hyperfine (warm-up run, then several; outputs removed first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SLOTH_BIN } from '../sloth/sloth-cli.js';
import { writeSpecs } from './specs.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface GenerationResult {
  slos: number;
  runs: number;
  tools: Array<{ tool: string; command: string; medianSeconds: number; meanSeconds: number; stddevSeconds: number }>;
  /** Burnrate median / Sloth median. */
  ratio: number;
  /** The same with `--jobs 1`. */
  singleThreadRatio: number;
}

export async function runGenerationSpeed(workDir: string, runs: number, log: (line: string) => void): Promise<GenerationResult> {
  if (!existsSync(path.join(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (the benchmark times the built CLI)');
  const services = 100;
  const perService = 10;
  const specs = await writeSpecs(workDir, services, perService);
  const out = (tool: string) => path.join(workDir, `out-${tool}`);
  // The default renders on worker threads (one per extra core); `--jobs 1` shows one thread's time beside it.
  const commands = {
    Burnrate: `node ${path.join(ROOT, 'bin/burnrate.mjs')} generate ${specs.burnrate} -o ${out('burnrate')}`,
    'Burnrate --jobs 1': `node ${path.join(ROOT, 'bin/burnrate.mjs')} generate --jobs 1 ${specs.burnrate} -o ${out('burnrate-jobs-1')}`,
    Sloth: `${SLOTH_BIN} generate --no-log -i ${specs.sloth} -o ${out('sloth')}`,
  };
  const json = path.join(workDir, 'hyperfine.json');
  const args = ['--warmup', '1', '--runs', String(runs), '--export-json', json, '--style', 'basic'];
  const dir = (tool: string) => out(tool.toLowerCase().replace(' --', '-').replaceAll(' ', '-'));
  for (const [tool, command] of Object.entries(commands)) args.push('--prepare', `rm -rf ${dir(tool)} && mkdir -p ${dir(tool)}`, '-n', tool, command);
  log(`hyperfine ${runs} runs each`);
  const result = spawnSync('hyperfine', args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BURNRATE_FROM_SOURCE: '' } });
  if (result.status !== 0) throw new Error(`hyperfine failed: ${result.stderr.slice(-3000)}`);
  const data = JSON.parse(await readFile(json, 'utf8')) as { results: Array<{ command: string; median: number; mean: number; stddev: number }> };
  const tools = data.results.map((r) => ({ tool: r.command, command: commands[r.command as keyof typeof commands], medianSeconds: r.median, meanSeconds: r.mean, stddevSeconds: r.stddev }));
  const median = (tool: string) => tools.find((t) => t.tool === tool)?.medianSeconds ?? NaN;
  return { slos: services * perService, runs, tools, ratio: median('Burnrate') / median('Sloth'), singleThreadRatio: median('Burnrate --jobs 1') / median('Sloth') };
}
