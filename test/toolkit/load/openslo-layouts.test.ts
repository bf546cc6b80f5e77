/** OpenSLO files as the OpenSLO tools write them: lists, `---` streams, v1alpha, Services alone. */
import { describe, expect, it } from 'vitest';
import { byId, loadFixture, texts, yamlText } from './load-support.js';

describe('OpenSLO file layouts', () => {
  it('reads a file written as a YAML list of objects, and sum(x) as the counter x', async () => {
    const result = await loadFixture('openslo/list-layout.yaml');
    expect(result.problems).toEqual([]);
    expect(result.slos.map((s) => s.id)).toEqual(['inventory-lookups', 'inventory-reservations']);
    const reservations = byId(result.slos, 'inventory-reservations');
    expect(reservations.team).toBe('warehouse'); // from the Service, an earlier item of the same list
    expect(reservations.sli).toEqual({ kind: 'ratio', good: 'inventory_reservations_total{result="ok"}', total: 'inventory_reservations_total' });
    expect(reservations.window).toEqual({ kind: 'rolling', days: 28 });
    const lookups = byId(result.slos, 'inventory-lookups');
    expect(lookups.groupBy).toEqual(['warehouse']); // sum by (warehouse) (x) without rate()
    expect(lookups.sli).toEqual({ kind: 'ratio', errors: 'inventory_lookups_total{code=~"5.."}', total: 'inventory_lookups_total' });
  });

  it('reads a list and --- documents in one file, numbering the objects in file order', () => {
    const yaml = `- apiVersion: openslo/v1
  kind: Service
  metadata: { name: api, labels: { team: core } }
- apiVersion: openslo/v1
  kind: Service
  metadata: { name: Api }
---
apiVersion: openslo/v1
kind: Service
metadata:
  name: other
  labels: { team: core }
spec:
  color: blue
`;
    const result = yamlText(yaml, 'mixed.yaml');
    expect(texts(result.problems)).toEqual([
      expect.stringMatching(/^mixed\.yaml:6:15 › document 2 › Api › metadata\.name: must be a DNS label \(RFC 1123\)/),
      'mixed.yaml:14:3 › document 3 › other › spec.color: is not a field of OpenSLO v1 here; check the spelling',
    ]);
  });

  it('accepts a file of Service objects alone: valid OpenSLO with nothing to generate', async () => {
    const result = await loadFixture('openslo/services-only.yaml');
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.slos).toEqual([]);
  });
});

describe('OpenSLO v1alpha', () => {
  it('turns each objective into an SLO, ratioMetrics into ratio or latency SLIs, timeWindows into windows', async () => {
    const result = await loadFixture('openslo/v1alpha.yaml');
    expect(result.problems).toEqual([]);
    expect(result.slos.map((s) => s.id)).toEqual(['ledger-balance-latency', 'ledger-postings-accepted', 'ledger-postings-fast']);
    const accepted = byId(result.slos, 'ledger-postings-accepted');
    expect(accepted.team).toBe('finance'); // the v1alpha Service's team label
    expect(accepted.objectivePercent).toBe(99);
    expect(accepted.window).toEqual({ kind: 'rolling', days: 28 }); // count: 28, unit: Day
    expect(accepted.sli).toEqual({ kind: 'ratio', good: 'ledger_postings_total{result="accepted"}', total: 'ledger_postings_total' }); // {{.window}} read as a range
    expect(accepted.description).toBe('Postings are accepted, and quickly.');
    const fast = byId(result.slos, 'ledger-postings-fast');
    expect(fast.sli).toEqual({ kind: 'latency', histogram: 'ledger_posting_duration_seconds', thresholdSeconds: 0.25 });
    expect(fast.objectivePercent).toBe(95);
    const balance = byId(result.slos, 'ledger-balance-latency');
    expect(balance.sli).toEqual({ kind: 'latency', histogram: 'ledger_balance_duration_seconds{job="ledger"}', thresholdSeconds: 0.5 });
    expect(balance.window).toEqual({ kind: 'calendar', unit: 'month', timeZone: 'Europe/Paris' });
    expect(balance.objectivePercent).toBe(99.9);
  });

  it('names objectives without displayName by their index, as Sloth does, and refuses with v1alpha field names', () => {
    const slo = (objectives: string, extra = '') => `apiVersion: openslo/v1alpha
kind: SLO
metadata:
  name: api-requests
  labels: { team: core }
spec:
  service: api
  budgetingMethod: Occurrences
${extra}  objectives:
${objectives}`;
    const ratio = (target: number, good = 'ok_total') => `    - target: ${target}
      ratioMetrics:
        good: { source: prometheus, queryType: promql, query: '${good}' }
        total: { source: prometheus, queryType: promql, query: all_total }
`;
    const two = yamlText(slo(ratio(0.99) + ratio(0.999)));
    expect(two.slos.map((s) => s.id)).toEqual(['api-requests-0', 'api-requests-1']);

    const bad = yamlText(slo(ratio(0.99, 'avg(ok_total)'), '  timeWindows: [{ unit: Fortnight, count: 1 }]\n'));
    // Both problems at once, each at its v1alpha field.
    expect(texts(bad.problems)).toEqual([
      'inline.yaml:9:19 › api-requests › spec.timeWindows[0].unit: must be one of Day, Week, Month, Quarter, Year, got "Fortnight"',
      expect.stringMatching(/^inline\.yaml:13:56 › api-requests › spec\.objectives\[0\]\.ratioMetrics\.good\.query: only sum\(\.\.\.\) keeps event counts/),
    ]);
  });
});
