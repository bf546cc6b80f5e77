/** The merge of discovered catalogs alone: sources, conflicts, failures and the combined version. */
import { describe, expect, it } from 'vitest';
import { mergeCatalogs } from '../../../src/service/catalog/merge-catalogs.js';
import { SourceEntries } from '../../../src/service/catalog/sources/source-entries.js';
import { catalogOf } from '../support/test-catalog.js';

const ratio = { kind: 'ratio', errors: 'e_total', total: 't_total' } as const;
const payments = catalogOf([{ service: 'payments', team: 'pay', slos: { availability: { objective: 99.9, sli: ratio } } }]);
const search = catalogOf([{ service: 'search', team: 'find', slos: { availability: { objective: 99.5, sli: ratio } } }]);
const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));
const now = new Date('2026-01-01T00:00:00Z');

function entries() {
  const failures: string[] = [];
  const set = new SourceEntries('configmap', () => now, (e) => void failures.push(e.message));
  return { set, failures };
}

describe('mergeCatalogs', () => {
  it('serves every source\'s SLOs in source order, each with its source', () => {
    const { set } = entries();
    set.set('b/search', bytes(search));
    set.set('a/payments', bytes(payments));
    const merged = mergeCatalogs(set.list(), now);
    expect(merged.slos.map((s) => s.id)).toEqual(['payments-availability', 'search-availability']);
    expect(merged.sloSources).toEqual({ 'payments-availability': 'a/payments', 'search-availability': 'b/search' });
    expect(merged.conflicts).toEqual([]);
    expect(merged.sources?.map((s) => [s.name, s.state])).toEqual([['a/payments', 'ok'], ['b/search', 'ok']]);
  });

  it('refuses an id two sources define in both, and keeps the rest', () => {
    const { set } = entries();
    set.set('a/payments', bytes(payments));
    set.set('b/copy', bytes(payments));
    set.set('c/search', bytes(search));
    const merged = mergeCatalogs(set.list(), now);
    expect(merged.conflicts).toEqual([{ id: 'payments-availability', sources: ['a/payments', 'b/copy'] }]);
    expect(merged.slos.map((s) => s.id)).toEqual(['search-availability']);
  });

  it('keeps the last good catalog of a broken source, serves nothing of one never good, and reports both', () => {
    const { set, failures } = entries();
    set.set('a/payments', bytes(payments));
    const before = mergeCatalogs(set.list(), now).version;
    expect(set.set('a/payments', Buffer.from('{'))).toBe(true);
    expect(set.set('a/payments', Buffer.from('{'))).toBe(false); // the same bad bytes report once
    set.fail('b/empty', 'catalog ConfigMap b/empty: no data key "catalog.json"');
    const merged = mergeCatalogs(set.list(), now);
    expect(merged.version).toBe(before);
    expect(merged.slos.map((s) => s.id)).toEqual(['payments-availability']);
    expect(merged.sources?.map((s) => [s.name, s.state, s.sloCount])).toEqual([['a/payments', 'stale', 1], ['b/empty', 'failed', 0]]);
    expect(failures).toHaveLength(2);
  });

  it('changes the version with any source\'s content, name or presence', () => {
    const { set } = entries();
    set.set('a/payments', bytes(payments));
    const one = mergeCatalogs(set.list(), now).version;
    set.set('b/search', bytes(search));
    const two = mergeCatalogs(set.list(), now).version;
    set.set('b/search', Buffer.from(JSON.stringify(search, null, 2))); // same version field, other bytes
    const three = mergeCatalogs(set.list(), now).version;
    set.delete('b/search');
    expect(new Set([one, two, three]).size).toBe(3);
    expect(mergeCatalogs(set.list(), now).version).toBe(one);
    expect(mergeCatalogs([], now)).toMatchObject({ slos: [], sources: [], conflicts: [] });
  });
});
