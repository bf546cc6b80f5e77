/** The paging policy over histories of evaluations: triggers, resolves with hysteresis, no data, catalog changes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dedupKey } from '../../../src/service/paging/dedup-key.js';
import { decidePaging } from '../../../src/service/paging/paging-policy.js';
import { availability, BURNING, catalog, HEALTHY, latency, minutes, snapshot } from './paging-fixtures.js';
import { applyChanges, simulate, withPageHold, type Step, type StepKind } from './policy-simulation.js';
import type { PagingState } from '../../../src/service/paging/paging-types.js';

const FIVE_MINUTES = 300_000;
const step = fc.record({
  kind: fc.constantFrom<StepKind>('burning', 'clear', 'no-data', 'partial-clear', 'partial-burning'),
  gap: fc.integer({ min: 1, max: 10 }),
});
const history = fc.array(step, { minLength: 1, maxLength: 40 });
const steps = (...kinds: StepKind[]): Step[] => kinds.map((kind) => ({ kind, gap: 1 }));
const actions = (run: ReturnType<typeof simulate>) => run.flatMap((e) => e.events.map((ev) => ev.action));

/** Two ungrouped SLOs burning at minute 0 and clear from minute 1 on, evaluated every minute for 15 minutes. */
function simulateTwo(...slos: (typeof availability)[]) {
  const states = new Map<string, PagingState>();
  const resolved = new Map<string, number>();
  for (let m = 0; m <= 15; m++) {
    const fill = m === 0 ? BURNING : HEALTHY;
    const snapshots = slos.map((slo) => snapshot({ slo, at: minutes(m), fill }));
    const changes = decidePaging({ at: minutes(m), slos, snapshots, states: [...states.values()] });
    for (const c of changes) if (c.kind === 'resolve') resolved.set(c.previous.sloId, m);
    applyChanges(states, changes);
  }
  return { resolvedAt: (id: string) => resolved.get(id) };
}

describe('paging policy', () => {
  it('triggers once when the condition starts to hold, and stays quiet while it keeps holding', () => {
    const run = simulate(steps('clear', 'burning', 'burning', 'partial-burning', 'burning'), FIVE_MINUTES);
    expect(run.map((e) => e.events.map((ev) => ev.action))).toEqual([[], ['trigger'], [], [], []]);
    expect(run[1]!.events[0]).toMatchObject({ dedupKey: 'burnrate/checkout-availability/{}/page', team: 'payments', sloId: 'checkout-availability' });
  });

  it('holds each page for its own SLO\'s keepFiringFor, as the generated page alert does', () => {
    // Clear from minute 2; minute 7 is the first evaluation 5 minutes into the clear run.
    const run = simulate(steps('burning', 'clear', 'clear', 'clear', 'clear', 'clear', 'clear', 'clear'), FIVE_MINUTES);
    expect(run.map((e) => e.events.map((ev) => ev.action))).toEqual([['trigger'], [], [], [], [], [], ['resolve'], []]);
    // A relapse restarts the wait; so do missing data and stale clusters.
    const relapse = simulate(steps('burning', 'clear', 'clear', 'burning', 'clear', 'no-data', 'clear', 'partial-clear', 'clear', 'clear', 'clear', 'clear', 'clear', 'clear'), FIVE_MINUTES);
    expect(relapse.findIndex((e) => e.events.some((ev) => ev.action === 'resolve'))).toBe(13);
    expect(actions(relapse)).toEqual(['trigger', 'resolve']);
  });

  it('resolves at the first clear evaluation with a page hold of 0s', () => {
    expect(simulate(steps('burning', 'clear'), 0).map((e) => e.events.map((ev) => ev.action))).toEqual([['trigger'], ['resolve']]);
  });

  it('property: triggers and resolves alternate, fire only on burning data and resolve only after the page hold of clear, complete data', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 20 }), (hist, holdMinutes) => {
        const holdMs = holdMinutes * 60_000;
        const run = simulate(hist, holdMs);
        let open = false;
        run.forEach((evaluation, i) => {
          for (const event of evaluation.events) {
            if (event.action === 'trigger') {
              expect(open).toBe(false);
              expect(['burning', 'partial-burning']).toContain(evaluation.kind);
            } else {
              expect(open).toBe(true);
              expect(evaluation.kind).toBe('clear');
              // The clear, complete run ending here started at least the page hold ago.
              let start = i;
              while (start > 0 && run[start - 1]!.kind === 'clear') start--;
              expect(evaluation.at.getTime() - run[start]!.at.getTime()).toBeGreaterThanOrEqual(holdMs);
            }
            open = event.action === 'trigger';
          }
          expect(evaluation.events.length).toBeLessThanOrEqual(1);
          expect(evaluation.openAfter).toBe(open);
          // Liveness: burning data always leaves a page open; a clear run long enough always resolves it.
          if (evaluation.kind.endsWith('burning')) expect(open).toBe(true);
          let start = i;
          while (start > 0 && run[start - 1]!.kind === 'clear') start--;
          if (evaluation.kind === 'clear' && evaluation.at.getTime() - run[start]!.at.getTime() >= holdMs) expect(open).toBe(false);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('property: no data never pages and never resolves', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 40 }), (hist, quiet) => {
        const before = simulate(hist, FIVE_MINUTES);
        const withGap = simulate([...hist, ...Array.from({ length: quiet }, () => ({ kind: 'no-data' as const, gap: 5 }))], FIVE_MINUTES);
        expect(withGap.slice(hist.length).every((e) => e.events.length === 0)).toBe(true);
        expect(withGap.at(-1)!.openAfter).toBe(before.at(-1)!.openAfter);
        expect(simulate(hist.map((s) => ({ ...s, kind: 'no-data' as const })), FIVE_MINUTES).every((e) => e.events.length === 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('pages grouped SLOs per group, never their whole-SLO aggregate, with one stable key per group', () => {
    const at = minutes(0);
    const cart = snapshot({ slo: latency, at, group: { route: '/cart' }, fill: BURNING });
    const pay = snapshot({ slo: latency, at, group: { route: '/pay' }, fill: HEALTHY });
    const whole = snapshot({ slo: latency, at, group: {}, fill: BURNING });
    const changes = decidePaging({ at, slos: catalog.slos, snapshots: [whole, cart, pay], states: [] });
    expect(changes.map((c) => [c.kind, c.kind === 'trigger' ? c.state.dedupKey : ''])).toEqual([['trigger', 'burnrate/checkout-latency/{route="/cart"}/page']]);
  });

  it('holds each page for its own SLO\'s keepFiringFor, as the generated page alert does', () => {
    const quick = withPageHold(availability, 0);
    const slow = { ...withPageHold(availability, 10 * 60_000), id: 'checkout-availability-held' };
    const open = simulateTwo(quick, slow);
    // Both trigger at minute 0 and clear at minute 1: the 0s hold resolves at once, the 10m hold at minute 11.
    expect(open.resolvedAt(quick.id)).toBe(1);
    expect(open.resolvedAt(slow.id)).toBe(11);
  });

  it('never pages an SLO whose page tier is off', () => {
    const search = catalog.slos.find((s) => s.id === 'search-availability')!;
    const burning = snapshot({ slo: search, at: minutes(0), fill: BURNING });
    expect(decidePaging({ at: minutes(0), slos: catalog.slos, snapshots: [burning], states: [] })).toEqual([]);
  });

  it('resolves an open page whose SLO left the catalog, stopped paging or changed its groupBy', () => {
    const at = minutes(10);
    const open = (sloId: string, group: Record<string, string>) => ({ dedupKey: dedupKey(sloId, group), sloId, group, team: 'payments', triggeredAt: minutes(0), clearSince: null });
    const states = [open('checkout-gone', {}), open('search-availability', {}), open('checkout-latency', {}), open('checkout-latency', { route: '/cart' })];
    const changes = decidePaging({ at, slos: catalog.slos, snapshots: [], states });
    expect(changes.map((c) => [c.kind, c.kind === 'resolve' ? c.previous.dedupKey : ''])).toEqual([
      ['resolve', 'burnrate/checkout-gone/{}/page'],
      ['resolve', 'burnrate/search-availability/{}/page'],
      ['resolve', 'burnrate/checkout-latency/{}/page'],
    ]);
    // A group that reports no snapshot this time keeps its page: missing is not healthy.
    expect(changes.every((c) => c.kind !== 'resolve' || c.previous.group.route === undefined)).toBe(true);
  });
});
