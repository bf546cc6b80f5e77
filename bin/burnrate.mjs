#!/usr/bin/env node
// Runs the compiled CLI when present (fast start), otherwise the TypeScript sources through jiti.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
let main;
if (existsSync(compiled) && !process.env.BURNRATE_FROM_SOURCE) {
  ({ main } = await import(pathToFileURL(compiled).href));
} else {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url);
  ({ main } = await jiti.import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
