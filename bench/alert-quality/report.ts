/** The alert-quality tables: one row per scenario group, then one summary row per tool. */
import { fixed, table } from '../lib/markdown.js';
import type { AlertQualityResult } from './run.js';
import type { ToolOutcome } from './score.js';

function cell(o: ToolOutcome): string {
  const parts = [o.verdict === 'quiet' ? 'quiet' : `${o.verdict}${o.verdict === 'page' ? ` ×${o.pages}` : ''}`];
  if (o.detectMinutes !== undefined) parts.push(`+${fixed(o.detectMinutes, 0)}m`);
  if (o.resetMinutes !== undefined) parts.push(`reset ${fixed(o.resetMinutes, 0)}m`);
  if (o.noData) parts.push('no-data ✓');
  return parts.join(', ');
}

export function alertQualityTables(result: AlertQualityResult): string {
  const tools = result.tools.map((t) => t.tool);
  const rows = result.cases.map((c, i) => [
    c.scenario + (c.group === '-' ? '' : ` (route ${c.group})`),
    `${fixed(c.truth.budgetBurned * 100, 1)}%`,
    c.truth.expected,
    ...result.tools.map((t) => cell(t.outcomes[i] as ToolOutcome)),
  ]);
  const perScenario = table(['scenario', 'budget burned', 'expected', ...tools], rows);
  const summary = table(
    ['tool', 'page recall', 'page precision', 'false pages', 'ticket recall', 'false tickets', 'median detection', 'max page reset', 'no-data signals', 'alerts in warm-up'],
    result.tools.map(({ tool, summary: s }) => [
      tool,
      s.pageRecall,
      s.pagePrecision,
      s.falsePages,
      s.ticketRecall,
      s.falseTickets,
      fixed(s.medianDetectMinutes, 1, ' min'),
      fixed(s.maxResetMinutes, 0, ' min'),
      s.noDataSignals,
      s.warmupAlerts,
    ]),
  );
  return `${perScenario}\n\n${summary}\n`;
}
