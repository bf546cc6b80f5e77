/** Runs one promtool (a line's binary from stack-tools.ts) and returns its exit code and output. */
import { spawnSync } from 'node:child_process';

export function promtool(binary: string, args: readonly string[], cwd?: string): { code: number; output: string } {
  const result = spawnSync(binary, [...args], { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}
