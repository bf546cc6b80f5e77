/**
 * SLOs Sloth cannot express at all, refused by the Sloth export with an error naming the SLO: Sloth
 * budgets by events only, so time slices (and threshold SLIs, which exist only per slice) have no form
 * there. Writing them as event SLOs would change what they measure without a word.
 */
import type { Slo } from '../../core/model/slo.js';
import type { Problem } from '../../core/diagnostics/problem.js';

const ELSEWHERE = 'export it with --format openslo, which keeps time slices';

export function slothRefusal(slo: Slo): Problem | undefined {
  const at = { severity: 'error' as const, code: 'sloth-cannot-express', file: slo.source.file, slo: slo.id };
  if (slo.sli.kind === 'threshold') {
    return { ...at, field: 'sli', message: `Sloth has no threshold SLI (a value judged once per time slice) and no time slices; ${ELSEWHERE}` };
  }
  if (slo.timeSlices) {
    return { ...at, field: 'timeSlices', message: `Sloth counts events only and has no time slices, so this SLO would measure something else there; ${ELSEWHERE}, or leave timeSlices out` };
  }
  return undefined;
}
