/** Burnrate's real validation and rule generator, in process: SLO sets in, the rule file `burnrate generate` writes out. */
import type { Slo } from '../../src/core/model/slo.js';
import type { SloSetInput } from '../../src/toolkit/sdk/types.js';
import { validateDocuments } from '../../src/toolkit/validate/validate-documents.js';
import { yamlHeader } from '../../src/toolkit/generate/header.js';
import { renderRuleFile } from '../../src/toolkit/generate/prometheus/render-rules.js';
import { sloRuleGroups } from '../../src/toolkit/generate/prometheus/rule-groups.js';

export function validSlos(sets: readonly SloSetInput[], file = 'bench'): Slo[] {
  const result = validateDocuments([{ file, format: 'typescript', sets: [...sets], problems: [] }]);
  if (!result.ok) throw new Error(`invalid benchmark SLOs:\n${result.problems.map((p) => `${p.slo ?? ''} ${p.field ?? ''} ${p.message}`).join('\n')}`);
  return result.slos;
}

export function burnrateRuleFile(slos: readonly Slo[]): string {
  return renderRuleFile(yamlHeader(['bench']), slos.flatMap(sloRuleGroups));
}
