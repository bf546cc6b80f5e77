/** The fleet matrix: Burnrate against Sloth per fleet size and raw cardinality, evaluation time and writes. */
import { fixed, table } from '../lib/markdown.js';
import type { RuleCost } from '../lib/rule-cost.js';
import type { LongWindowResult } from './run.js';

const ratio = (ours: number, theirs: number) => (theirs > 0 ? `${(ours / theirs).toFixed(2)}×` : '–');
const ms = (seconds: number) => fixed(seconds * 1000, 0, ' ms');

function fleetName(r: LongWindowResult): string {
  const o = r.options;
  const perCode = o.rawSeriesPerCode ?? 1;
  const split = perCode > 1 && o.splitMinutes !== undefined && o.splitMinutes < o.minutes ? ` (split for the last ${(o.splitMinutes / 1440).toFixed(2)} days)` : '';
  return `${o.slos} × ${o.groups}, ${2 * perCode} raw series per group${split}`;
}

function pair(r: LongWindowResult): { ours: RuleCost; theirs: RuleCost } | undefined {
  const ours = r.cost.find((c) => c.tool === 'Burnrate')?.cost;
  const theirs = r.cost.find((c) => c.tool === 'Sloth')?.cost;
  return ours && theirs ? { ours, theirs } : undefined;
}

export function fleetMatrixTables(results: readonly LongWindowResult[]): string {
  const rows = results.flatMap((r) => {
    const p = pair(r);
    return p ? [{ r, ...p }] : [];
  });
  const time = table(
    ['fleet (SLOs × routes)', 'Burnrate per minute', 'Sloth per minute', 'ratio', 'Burnrate per cycle', 'Sloth per cycle', 'ratio', 'Burnrate CPU per cycle', 'Sloth CPU per cycle', 'ratio'],
    rows.map(({ r, ours, theirs }) => [
      fleetName(r),
      ms(ours.evaluationSecondsPerMinute),
      ms(theirs.evaluationSecondsPerMinute),
      ratio(ours.evaluationSecondsPerMinute, theirs.evaluationSecondsPerMinute),
      ms(ours.evaluationSeconds),
      ms(theirs.evaluationSeconds),
      ratio(ours.evaluationSeconds, theirs.evaluationSeconds),
      ms(ours.cpuSecondsPerEvaluation),
      ms(theirs.cpuSecondsPerEvaluation),
      ratio(ours.cpuSecondsPerEvaluation, theirs.cpuSecondsPerEvaluation),
    ]),
  );
  const perSlo = (v: number, r: LongWindowResult) => v / r.options.slos;
  const writes = table(
    ['fleet (SLOs × routes)', 'Burnrate series per evaluation per SLO', 'Sloth', 'ratio', 'Burnrate samples per minute per SLO', 'Sloth', 'ratio'],
    rows.map(({ r, ours, theirs }) => [
      fleetName(r),
      fixed(perSlo(ours.samplesPerEvaluation, r), 1),
      fixed(perSlo(theirs.samplesPerEvaluation, r), 1),
      ratio(ours.samplesPerEvaluation, theirs.samplesPerEvaluation),
      fixed(perSlo(ours.samplesPerMinute, r), 1),
      fixed(perSlo(theirs.samplesPerMinute, r), 1),
      ratio(ours.samplesPerMinute, theirs.samplesPerMinute),
    ]),
  );
  return `Rule evaluation (medians of each group's evaluations, summed; per minute weights each group by its production interval):\n\n${time}\n\nWrites:\n\n${writes}\n`;
}
