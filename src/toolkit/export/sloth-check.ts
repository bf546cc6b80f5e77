/**
 * What a Sloth export loses: the written documents are read back through the Sloth loader and the shared
 * validation, and every field whose model differs from the original is a warning naming the SLO and the
 * field, with what Sloth does instead. So "no warning" means the round trip gives the same model.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Slo } from '../../core/model/slo.js';
import type { Problem } from '../../core/diagnostics/problem.js';
import { slothToDocument } from '../load/sloth/sloth-loader.js';
import { validateDocuments } from '../validate/validate-documents.js';

/** Burnrate field → why Sloth cannot hold it; the first matching prefix wins. */
const REASONS: [string, string][] = [
  ['window', 'Sloth SLOs have no window of their own; Sloth uses 30 days'],
  ['sli.buckets', 'Sloth has no place for the histogram buckets'],
  ['dashboardUrl', 'Sloth has no place for a dashboard link'],
  ['alerting.minEvents', 'Sloth has no low-traffic guard'],
  ['alerting.noData', 'Sloth has no no-data alert'],
  ['alerting.budgetExhausted', 'Sloth has no budget-exhausted alert'],
  ['alerting.page.keepFiringForSeconds', 'Sloth alerts have no keep_firing_for'],
  ['alerting.burnAlertName', 'in a Sloth file the alert name SloErrorBudgetBurn stands for Burnrate\'s own names, SloErrorBudgetBurnPage and SloErrorBudgetBurnTicket'],
];

const TRACES = 'Sloth has no trace SLI: written as a ratio over the span counters the Burnrate service exports, which exist only while it runs';

/** The field to report a difference at, and why. */
function explain(leaf: string, original: Slo, again: Slo): [string, string] {
  if (leaf.startsWith('sli') && (original.sli.kind === 'traces' || original.sli.kind !== again.sli.kind)) {
    return ['sli', original.sli.kind === 'traces' ? TRACES : 'Sloth reads it back as another SLI'];
  }
  const known = REASONS.find(([prefix]) => leaf === prefix || leaf.startsWith(`${prefix}.`));
  return known ?? [leaf, 'Sloth reads it back differently'];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Paths of the leaves where the two models differ. */
function differences(a: Record<string, unknown>, b: Record<string, unknown>, prefix = ''): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => key !== 'source');
  return keys.flatMap((key) => {
    const [left, right] = [a[key], b[key]];
    if (isDeepStrictEqual(left, right)) return [];
    return isRecord(left) && isRecord(right) ? differences(left, right, `${prefix}${key}.`) : [`${prefix}${key}`];
  });
}

export function lostInSloth(slos: readonly Slo[], documents: readonly object[]): Problem[] {
  const read = validateDocuments([slothToDocument([...documents], 'sloth export')]);
  const back = new Map(read.validSlos.map((slo) => [slo.id, slo]));
  return slos.flatMap((slo): Problem[] => {
    const again = back.get(slo.id);
    const at = { severity: 'warning' as const, code: 'sloth-export', file: slo.source.file, slo: slo.id };
    if (!again) return [{ ...at, message: 'Sloth cannot hold this SLO; it is written but does not read back' }];
    const explained = new Map(differences(slo as unknown as Record<string, unknown>, again as unknown as Record<string, unknown>).map((leaf) => explain(leaf, slo, again)));
    return [...explained].map(([field, why]) => ({ ...at, field, message: `is not kept: ${why}` }));
  });
}
