/** What changed between two sets of SLOs, field by field, in the author's terms. */
import { formatDuration } from '../../core/model/duration.js';
import type { AlertTier, Slo } from '../../core/model/slo.js';
import { windowText } from '../../core/windows/window-text.js';

export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

export interface SloChange {
  id: string;
  status: 'added' | 'removed' | 'changed';
  /** One line about the SLO as it is now (or was, when removed). */
  summary: string;
  file: string;
  changes: FieldChange[];
}


function tier(t: AlertTier): string {
  return t.enabled ? `on (${t.severity})` : 'off';
}

function scalar(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The SLO as flat field → text, so any difference becomes one readable line. */
export function flattenSlo(slo: Slo): Record<string, string> {
  const flat: Record<string, string> = {
    team: slo.team,
    description: slo.description,
    objective: `${slo.objectivePercent}`,
    window: windowText(slo.window),
    groupBy: slo.groupBy.join(', '),
  };
  for (const [key, value] of Object.entries(slo.sli)) flat[`sli.${key}`] = scalar(value);
  for (const [key, value] of Object.entries(slo.labels)) flat[`labels.${key}`] = value;
  if (slo.runbookUrl) flat.runbookUrl = slo.runbookUrl;
  if (slo.dashboardUrl) flat.dashboardUrl = slo.dashboardUrl;
  const a = slo.alerting;
  flat['alerting.page'] = tier(a.page);
  flat['alerting.ticket'] = tier(a.ticket);
  flat['alerting.minEvents'] = `${a.minEvents}`;
  flat['alerting.noData'] = a.noData.enabled ? `after ${formatDuration(a.noData.forSeconds * 1000)} (${a.noData.severity})` : 'off';
  flat['alerting.budgetExhausted'] = tier(a.budgetExhausted);
  for (const [key, value] of Object.entries(a.labels)) flat[`alerting.labels.${key}`] = value;
  flat.file = slo.source.file;
  return flat;
}

export function summarizeSlo(slo: Slo): string {
  const grouped = slo.groupBy.length > 0 ? ` by ${slo.groupBy.join(', ')}` : '';
  return `${slo.objectivePercent}% over ${windowText(slo.window)}, ${slo.sli.kind} SLI${grouped}`;
}

function fieldChanges(before: Slo, after: Slo): FieldChange[] {
  const a = flattenSlo(before);
  const b = flattenSlo(after);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields
    .filter((field) => a[field] !== b[field])
    .map((field) => ({ field, ...(a[field] !== undefined ? { before: a[field] } : {}), ...(b[field] !== undefined ? { after: b[field] } : {}) }));
}

export function compareSlos(base: readonly Slo[], head: readonly Slo[]): SloChange[] {
  const before = new Map(base.map((s) => [s.id, s]));
  const after = new Map(head.map((s) => [s.id, s]));
  const changes: SloChange[] = [];
  for (const [id, slo] of after) {
    const old = before.get(id);
    if (!old) changes.push({ id, status: 'added', summary: summarizeSlo(slo), file: slo.source.file, changes: [] });
    else {
      const fields = fieldChanges(old, slo);
      if (fields.length > 0) changes.push({ id, status: 'changed', summary: summarizeSlo(slo), file: slo.source.file, changes: fields });
    }
  }
  for (const [id, slo] of before) {
    if (!after.has(id)) changes.push({ id, status: 'removed', summary: summarizeSlo(slo), file: slo.source.file, changes: [] });
  }
  const order = { added: 0, changed: 1, removed: 2 };
  return changes.sort((x, y) => order[x.status] - order[y.status] || x.id.localeCompare(y.id));
}
