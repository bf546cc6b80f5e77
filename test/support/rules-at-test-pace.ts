/**
 * End-to-end tests run Prometheus at a 1s evaluation interval. The generated window group (daily counts,
 * the whole SLO window, the budget) keeps its own 5m interval and would not evaluate within a test's
 * seconds, so the tests run it at the global pace like every other group.
 */
import { readFile, writeFile } from 'node:fs/promises';

export async function runRulesAtTestPace(ruleFile: string): Promise<void> {
  const text = await readFile(ruleFile, 'utf8');
  if (!/^ {4}interval: 5m$/m.test(text)) throw new Error(`${ruleFile} has no group with its own 5m interval`);
  await writeFile(ruleFile, text.replace(/^ {4}interval: 5m\n/gm, ''));
}
