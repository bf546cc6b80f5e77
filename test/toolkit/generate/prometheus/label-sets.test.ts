/** Synthetic label sets satisfy the author's matchers exactly as Prometheus would apply them. */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSource } from '../../../../src/core/synthetic/event-series.js';
import { sliceSource } from '../../../../src/core/synthetic/slice-series.js';
import { latencySelectors, tracesSelectors } from '../../../../src/core/sli/event-queries.js';
import { anchoredRegex, matchesSelector, seriesText } from '../../../../src/core/synthetic/label-matching.js';
import { regexSample, synthesizeLabels, violateSelector } from '../../../../src/core/synthetic/label-sets.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { parseSelector, type ParsedSelector } from '../../../../src/core/promql/promql.js';
import { CATALOG_DIR, FIXTURE_DIR, loadSlos } from './rule-files.js';

const selector = (text: string): ParsedSelector => {
  const parsed = parseSelector(text);
  if (!parsed) throw new Error(`not a selector: ${text}`);
  return parsed;
};

describe('matching like Prometheus', () => {
  it('anchors regex matchers at both ends', () => {
    const sel = selector('x{code=~"5.."}');
    expect(matchesSelector({ __name__: 'x', code: '503' }, sel)).toBe(true);
    expect(matchesSelector({ __name__: 'x', code: '5030' }, sel)).toBe(false);
    expect(matchesSelector({ __name__: 'x', code: '1503' }, sel)).toBe(false);
  });

  it('treats a missing label as the empty string', () => {
    expect(matchesSelector({ __name__: 'x' }, selector('x{env=""}'))).toBe(true);
    expect(matchesSelector({ __name__: 'x' }, selector('x{env!=""}'))).toBe(false);
    expect(matchesSelector({ __name__: 'x' }, selector('x{env!~"prod"}'))).toBe(true);
  });

  it('reads RE2 inline flags', () => {
    expect(anchoredRegex('(?i)get')?.test('GET')).toBe(true);
  });
});

describe('synthesized label sets', () => {
  it('satisfies =, !=, =~ and !~ at once', () => {
    const sel = selector('http_requests_total{job="api",code=~"5..",route!="/health",env!~"dev|test"}');
    const labels = synthesizeLabels([sel]);
    expect(labels).toBeDefined();
    expect(matchesSelector(labels ?? {}, sel)).toBe(true);
    expect(labels?.job).toBe('api');
    expect(labels?.code).toMatch(/^5..$/);
  });

  it('is deterministic', () => {
    expect(regexSample('/api/v[0-9]+/.+', 1)).toBe(regexSample('/api/v[0-9]+/.+', 1));
    const sel = selector('x{route=~"/api/.+",method=~"GET|POST"}');
    expect(seriesText(synthesizeLabels([sel]) ?? {})).toBe(seriesText(synthesizeLabels([sel]) ?? {}));
  });

  it('keeps preferred values (groupBy labels) when the matchers allow them', () => {
    expect(synthesizeLabels([selector('x{job="a"}')], { route: '/test' })?.route).toBe('/test');
    expect(synthesizeLabels([selector('x{route=~"/api/.+"}')], { route: '/test' })?.route).toMatch(/^\/api\/.+$/);
  });

  it('gives up on contradicting selectors instead of guessing', () => {
    expect(synthesizeLabels([selector('x{a="1"}'), selector('x{a="2"}')])).toBeUndefined();
    expect(synthesizeLabels([selector('x{a="1"}'), selector('y{a="1"}')])).toBeUndefined();
  });

  it('builds a series counted by the total but not by the good selector', () => {
    const good = selector('x{job="a",code!~"5.."}');
    const total = selector('x{job="a"}');
    const both = synthesizeLabels([good, total]) ?? {};
    const bad = violateSelector(both, total, good, []) ?? {};
    expect(matchesSelector(bad, total)).toBe(true);
    expect(matchesSelector(bad, good)).toBe(false);
  });

  it('regex samples always match their regex (property)', () => {
    const word = fc.stringMatching(/^[a-z0-9/_-]{1,6}$/);
    const pattern = fc.oneof(
      fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.map((w) => w.replace(/[/-]/g, '\\$&')).join('|')),
      word.map((w) => `${w.replace(/[/-]/g, '\\$&')}.+`),
      word.map((w) => `[0-9]{2}${w.replace(/[/-]/g, '\\$&')}`),
    );
    fc.assert(
      fc.property(pattern, fc.integer({ min: 1, max: 1000 }), (re, seed) => {
        const sample = regexSample(re, seed);
        return sample !== undefined && (anchoredRegex(re)?.test(sample) ?? false);
      }),
    );
  });
});

/** The selectors an SLI reads, by what they count. */
function countSelectors(slo: Slo): { total: ParsedSelector; good?: ParsedSelector; errors?: ParsedSelector } | undefined {
  const { sli } = slo;
  if (sli.kind === 'ratio') return { total: selector(sli.total), ...(sli.good ? { good: selector(sli.good) } : { errors: selector(sli.errors ?? '') }) };
  if (sli.kind === 'traces') return { total: selector(tracesSelectors(slo).total), good: selector(tracesSelectors(slo).good) };
  if (sli.kind === 'latency') return { total: selector(latencySelectors(sli).count), good: selector(latencySelectors(sli).bucket) };
  return undefined;
}

describe('event series of every example and fixture SLO', () => {
  it('are counted by exactly the selectors of their role', async () => {
    const slos = await loadSlos([CATALOG_DIR, FIXTURE_DIR].map((dir) => path.resolve(dir)));
    for (const slo of slos) {
      const source = eventSource(slo);
      if (slo.sli.kind === 'raw') {
        expect(source.ok).toBe(false);
        continue;
      }
      if (slo.sli.kind === 'threshold') {
        // No events: its time slices get their own series, which the measured selector must count.
        expect(source.ok).toBe(false);
        const { measure } = slo.sli;
        const slices = sliceSource(slo);
        expect(slices.ok, slo.id).toBe(measure.of !== 'query');
        if (!slices.ok || measure.of === 'query') continue;
        const measured = measure.of === 'gauge' ? selector(measure.metric) : { ...selector(measure.histogram), metric: `${selector(measure.histogram).metric ?? ''}_bucket` };
        expect(slices.series.every((s) => matchesSelector(s.labels, measured)), slo.id).toBe(true);
        continue;
      }
      expect(source.ok, slo.id).toBe(true);
      if (!source.ok) continue;
      for (const name of slo.groupBy) expect(source.series.every((s) => s.labels[name] === source.groupLabels[name])).toBe(true);
      if (slo.sli.kind === 'boolGauge') {
        expect(source.series.map((s) => matchesSelector(s.labels, selector(slo.sli.kind === 'boolGauge' ? slo.sli.metric : '')))).toEqual([true]);
        continue;
      }
      if (slo.sli.kind === 'latency' && slo.sli.native) {
        // One native histogram carries good and bad observations alike.
        expect(source.series.map((s) => [s.role, matchesSelector(s.labels, selector(slo.sli.kind === 'latency' ? slo.sli.histogram : ''))])).toEqual([['histogram', true]]);
        continue;
      }
      const selectors = countSelectors(slo);
      if (!selectors) throw new Error(slo.id);
      // Either a dedicated total series and parts on another metric, or good and bad series that both count in the total.
      const separateTotal = source.series.some((s) => s.role === 'total');
      for (const s of source.series) {
        const inTotal = matchesSelector(s.labels, selectors.total);
        expect(inTotal, `${slo.id} ${seriesText(s.labels)}`).toBe(s.role === 'total' || !separateTotal);
        if (selectors.good) expect(matchesSelector(s.labels, selectors.good), `${slo.id} ${seriesText(s.labels)}`).toBe(s.role === 'good');
        if (selectors.errors) expect(matchesSelector(s.labels, selectors.errors), `${slo.id} ${seriesText(s.labels)}`).toBe(s.role === 'bad');
      }
    }
  });
});
