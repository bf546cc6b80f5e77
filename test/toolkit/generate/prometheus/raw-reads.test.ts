/** The count rules read each raw selector once per recorded window: the good events reuse the recorded total. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORDED, WINDOW_LABEL } from '../../../../src/core/conventions/metrics.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { formatDuration } from '../../../../src/core/model/duration.js';
import { sloCountPlan } from '../../../../src/toolkit/generate/prometheus/count-plan.js';
import { sloRuleGroups } from '../../../../src/toolkit/generate/prometheus/rule-groups.js';
import type { RecordingRule } from '../../../../src/toolkit/generate/prometheus/rule-types.js';
import { CATALOG_DIR, FIXTURE_DIR, loadSlos } from './rule-files.js';

const COUNTS: readonly string[] = [RECORDED.goodEvents, RECORDED.totalEvents];

/**
 * Raw range reads per window: one for the total, one for the good or error events (a native histogram is read
 * again for the fraction under the threshold). Writing good events against the raw total instead makes it 3 or 4.
 */
const READS_PER_WINDOW = 2;

/** The count rules of an SLO's windows recorded from the raw series (not from other recorded counts), by window label. */
function rawCountRules(slo: Slo): Map<string, RecordingRule[]> {
  const rawWindows = new Set(sloCountPlan(slo).recorded.filter((r) => r.source.kind === 'raw').map((r) => formatDuration(r.windowMs)));
  const byWindow = new Map<string, RecordingRule[]>();
  for (const rule of sloRuleGroups(slo).flatMap((g) => g.rules)) {
    const window = 'record' in rule ? (rule.labels?.[WINDOW_LABEL] ?? '') : '';
    if (!('record' in rule) || !COUNTS.includes(rule.record) || !rawWindows.has(window)) continue;
    byWindow.set(window, [...(byWindow.get(window) ?? []), rule]);
  }
  return byWindow;
}

describe('raw reads of the count rules', async () => {
  const slos = (await loadSlos([CATALOG_DIR, FIXTURE_DIR].map((dir) => path.resolve(dir)))).filter(
    (slo) => !slo.timeSlices && slo.sli.kind !== 'raw' && slo.sli.kind !== 'threshold',
  );

  it('covers every SLI kind that records counts', () => {
    expect(new Set(slos.map((s) => (s.sli.kind === 'latency' && s.sli.native ? 'native' : s.sli.kind)))).toEqual(
      new Set(['ratio', 'latency', 'native', 'traces', 'boolGauge']),
    );
  });

  it.each(slos.map((slo) => [slo.id, slo] as const))('%s reads each raw selector once per window', (_id, slo) => {
    const windows = rawCountRules(slo);
    expect(windows.size).toBeGreaterThan(0);
    for (const [window, rules] of windows) {
      const reads = rules.map((r) => r.expr.split(`[${window}])`).length - 1).reduce((a, b) => a + b, 0);
      expect({ window, reads }).toEqual({ window, reads: READS_PER_WINDOW });
    }
  });

  it('records the total before the good events that read it', () => {
    for (const slo of slos) {
      for (const rules of rawCountRules(slo).values()) expect(rules.map((r) => r.record)).toEqual([RECORDED.totalEvents, RECORDED.goodEvents]);
    }
  });
});
