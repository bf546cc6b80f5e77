/** Runs promtool (Debian package `prometheus`) and returns its exit code and output. */
import { spawnSync } from 'node:child_process';

export function promtool(args: readonly string[], cwd?: string): { code: number; output: string } {
  const result = spawnSync('promtool', [...args], { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}
