/** The diff as Markdown for a pull-request comment: summary line, SLO table, rule lists, files. */
import type { Problem } from '../../core/diagnostics/problem.js';
import { formatProblem } from '../../core/diagnostics/problem.js';
import type { DiffReport } from './diff-report.js';
import type { RuleEntry } from './rule-changes.js';

/** Lets the CI workflow find and update its earlier comment instead of adding a new one. */
export const COMMENT_MARKER = '<!-- burnrate-diff -->';
const LONG_VALUE = 40;
/** GitHub caps comments at 65536 characters; long lists are cut with a count of the rest. */
const MAX_LIST_ITEMS = 150;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${text}${ticks}`;
}

function value(text: string | undefined): string {
  if (text === undefined) return '(none)';
  if (text === '') return '(empty)';
  return /[{}()[\]"=~]/.test(text) || text.length > LONG_VALUE ? code(text) : text;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function summaryLine(report: DiffReport): string {
  const s = report.slos;
  const count = (status: string) => s.filter((c) => c.status === status).length;
  const parts = [
    `SLOs: ${count('added')} added, ${count('removed')} removed, ${count('changed')} changed`,
    `rules: ${report.rules.added.length} added, ${report.rules.removed.length} removed, ${report.rules.changed.length} changed`,
    `generated files: ${report.files.added.length} added, ${report.files.removed.length} removed, ${report.files.changed.length} changed`,
  ];
  return parts.join(' · ');
}

function sloTable(report: DiffReport): string[] {
  if (report.slos.length === 0) return ['No SLO changes.'];
  const lines = ['| change | SLO | details |', '|---|---|---|'];
  for (const change of report.slos) {
    const details =
      change.status === 'changed'
        ? change.changes.map((c) => `${c.field}: ${value(c.before)} → ${value(c.after)}`).join('<br>')
        : `${change.status === 'removed' ? 'was ' : ''}${change.summary} (${code(change.file)})`;
    lines.push(`| ${change.status} | ${code(change.id)} | ${cell(details)} |`);
  }
  return lines;
}

function details(summary: string, items: string[]): string[] {
  if (items.length === 0) return [];
  const shown = items.length > MAX_LIST_ITEMS ? [...items.slice(0, MAX_LIST_ITEMS), `- … and ${items.length - MAX_LIST_ITEMS} more (run \`burnrate diff --json\` for all)`] : items;
  return ['<details>', `<summary>${summary}</summary>`, '', ...shown, '', '</details>', ''];
}

/** One row per SLO: how many of its rules were added, removed and changed. */
function ruleTable(report: DiffReport): string[] {
  const counts = new Map<string, [number, number, number]>();
  const bump = (slo: string, i: 0 | 1 | 2) => {
    const row = counts.get(slo) ?? [0, 0, 0];
    row[i]++;
    counts.set(slo, row);
  };
  report.rules.added.forEach((r) => bump(r.slo, 0));
  report.rules.removed.forEach((r) => bump(r.slo, 1));
  report.rules.changed.forEach((c) => bump(c.rule.slo, 2));
  const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([slo, [a, r, c]]) => `| ${code(slo || '(none)')} | ${a} | ${r} | ${c} |`);
  return ['| SLO | rules added | removed | changed |', '|---|---|---|---|', ...rows, ''];
}

function ruleItems(rules: readonly RuleEntry[]): string[] {
  return rules.map((r) => `- ${r.kind} ${code(r.key)}`);
}

function problemItems(problems: readonly Problem[]): string[] {
  return problems.map((p) => `- **${p.severity}**: ${formatProblem(p).replace(/([*_<>])/g, '\\$1')}`);
}

export function renderMarkdown(report: DiffReport): string {
  const lines = [COMMENT_MARKER, `### Burnrate: SLO changes against ${code(report.base)}`, ''];
  const headErrors = report.problems.head.filter((p) => p.severity === 'error');
  if (headErrors.length > 0) {
    lines.push(`**${plural(headErrors.length, 'definition error')}**: fix ${headErrors.length === 1 ? 'it' : 'them'} to see what this change does to SLOs and rules.`, '', ...problemItems(headErrors), '');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`**${summaryLine(report)}**`, '');
  const baseErrors = report.problems.base.filter((p) => p.severity === 'error');
  if (baseErrors.length > 0) {
    lines.push(`> The base has ${plural(baseErrors.length, 'definition error')}; SLOs that did not validate there count as added.`, '');
  }
  lines.push('#### SLOs', '', ...sloTable(report), '');
  const { added, removed, changed } = report.rules;
  if (added.length + removed.length + changed.length > 0) {
    lines.push('#### Prometheus rules', '', ...ruleTable(report));
    lines.push(...details(`${added.length} added`, ruleItems(added)));
    lines.push(...details(`${removed.length} removed`, ruleItems(removed)));
    lines.push(...details(`${changed.length} changed`, changed.map((c) => `- ${c.rule.kind} ${code(c.rule.key)}: ${c.fields.join(', ')}`)));
  }
  const files = report.files;
  const fileRows = [...files.added.map((f) => `| ${code(f)} | added |`), ...files.removed.map((f) => `| ${code(f)} | removed |`), ...files.changed.map((f) => `| ${code(f)} | changed |`)];
  if (fileRows.length > 0) lines.push('#### Generated files', '', '| file | change |', '|---|---|', ...fileRows.sort(), '');
  const warnings = report.problems.head.filter((p) => p.severity === 'warning');
  lines.push(...details(plural(warnings.length, 'warning'), problemItems(warnings)));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
