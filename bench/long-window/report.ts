/** Tables of the 30-day accuracy and evaluation-cost benchmark. */
import { fixed, table } from '../lib/markdown.js';
import type { LongWindowResult } from './run.js';

const pct = (v: number) => `${(v * 100).toFixed(3)}%`;

export function longWindowTables(r: LongWindowResult): string {
  const o = r.options;
  const perCode = o.rawSeriesPerCode ?? 1;
  const splitDays = ((o.splitMinutes ?? o.minutes) / 1440).toFixed(2);
  const split = perCode > 1 ? ` Each route's counter per status code is split into ${perCode} series by pod and method for the last ${splitDays} days (one series per route and code before).` : '';
  const head = `${o.slos} SLOs × ${o.groups} routes = ${o.slos * o.groups} groups, ${(o.minutes / 1440).toFixed(2)} days at a 1-minute scrape, ${r.rawSamples.toLocaleString('en-US')} raw samples, ${o.incidentsPerGroup} incidents per group.${split}`;
  const acc = table(
    ['30-day SLI from', 'groups', 'SLI rel. error (mean)', 'SLI rel. error (max)', 'budget-spent rel. error (mean)', 'budget-spent rel. error (max)'],
    [...r.accuracy, ...(r.afterRestart ? [{ ...r.afterRestart, tool: `${r.afterRestart.tool} (rules not evaluated for ${r.afterRestart.gapMinutes.toFixed(0)} min, traffic on)` }] : [])].map((a) => [
      a.tool,
      a.groups,
      pct(a.sliMeanRelError),
      pct(a.sliMaxRelError),
      pct(a.budgetMeanRelError),
      pct(a.budgetMaxRelError),
    ]),
  );
  const sloth = r.cost.find((c) => c.tool === 'Sloth')?.cost;
  const ratio = (v: number, of: number | undefined) => (of ? `${(v / of).toFixed(2)}×` : '–');
  const cost = table(
    [
      'rules of',
      'rule groups',
      'recording rules',
      'alerting rules',
      'samples written per minute',
      'vs Sloth',
      'evaluation time per minute (group medians × evaluations per minute)',
      'vs Sloth',
      'one evaluation of every group (sum of medians)',
      'evaluations per group',
      'Prometheus CPU per evaluation of every group',
    ],
    r.cost.map((c) => [
      c.tool,
      c.cost.groups,
      c.recordingRules,
      c.alertingRules,
      Math.round(c.cost.samplesPerMinute),
      ratio(c.cost.samplesPerMinute, sloth?.samplesPerMinute),
      fixed(c.cost.evaluationSecondsPerMinute * 1000, 0, ' ms'),
      ratio(c.cost.evaluationSecondsPerMinute, sloth?.evaluationSecondsPerMinute),
      fixed(c.cost.evaluationSeconds * 1000, 0, ' ms'),
      c.cost.evaluationsPerGroup,
      fixed(c.cost.cpuSecondsPerEvaluation * 1000, 0, ' ms'),
    ]),
  );
  // Older result files have no split by kind.
  const byKind = r.cost
    .filter((c) => c.cost.evaluationSecondsByKind)
    .map((c) => `${c.tool}: ${Object.entries(c.cost.evaluationSecondsByKind ?? {}).map(([kind, s]) => `${kind} ${fixed(s * 1000, 0, ' ms')}`).join(', ')}`);
  const kinds = byKind.length > 0 ? `\n\nOne evaluation of every group, by kind of group: ${byKind.join('; ')}.\n` : '\n';
  return `${head}\n\n${acc}\n\n${cost}${kinds}`;
}
