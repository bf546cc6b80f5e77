import { describe, expect, it } from 'vitest';
import type { SloInput } from '../../../src/toolkit/sdk/types.js';
import { validateDocuments } from '../../../src/toolkit/validate/validate-documents.js';

function sliceProblem(window: SloInput['window'], slice: `${number}m` | `${number}s`): string | undefined {
  const slo: SloInput = { objective: 99, window, sli: { kind: 'ratio', errors: 'e_total', total: 'a_total' }, timeSlices: { slice } };
  const result = validateDocuments([{ file: 'x.slo.ts', format: 'typescript', sets: [{ service: 'api', team: 'core', slos: { a: slo } }], problems: [] }]);
  return result.problems.find((p) => p.code === 'time-slice-divides')?.message;
}

describe('a slice that does not divide the alert windows', () => {
  it('names the windows it misses and a slice that fits them all', () => {
    expect(sliceProblem('30d', '2m')).toMatch(/2m does not divide 5m \(1m does\)$/);
    // Alert windows scale with the SLO window: 33 days give a 5m30s window, which a minute does not divide.
    expect(sliceProblem('33d', '1m')).toMatch(/1m does not divide 5m30s \(30s does\)$/);
    expect(sliceProblem('30d', '1m')).toBeUndefined();
  });
});
