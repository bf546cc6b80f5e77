/**
 * The evaluator under leadership: the leader saves under its fence; a leader whose lease ran out while it
 * evaluated (a stalled process) saves nothing and pages nothing, since another replica may lead by now; a
 * save the store refuses as fenced out hands leadership back.
 */
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import { FencedOut, type Fence } from '../../../src/service/leadership/lease-types.js';
import { Evaluator, type Leadership } from '../../../src/service/scheduler/evaluator.js';
import { createServiceMetrics } from '../../../src/service/telemetry/service-metrics.js';
import { SloGauges } from '../../../src/service/telemetry/slo-gauges.js';
import { makeSlo, okCluster } from '../engine/slo-fixture.js';

const AT = new Date('2026-03-01T10:00:00Z');
const FENCE: Fence = { lease: 'evaluator', holder: 'a', epoch: 3 };
const slo = makeSlo(99.9);

function evaluatorWith(leadership: Leadership, saveEvaluation = vi.fn(async () => undefined)) {
  const store = { saveSnapshots: vi.fn(async () => undefined), saveEvaluation };
  const afterSave = vi.fn(async () => undefined);
  const evaluator = new Evaluator({
    catalog: () => ({ version: 'v1', slos: [slo] }) as never,
    collect: async () => ({ at: AT, observations: [{ sloId: slo.id, group: {}, clusters: [okCluster('eu', { good: 999, total: 1000 })] }], clusters: [] }),
    computeSnapshot,
    store,
    afterSave,
    leadership,
    metrics: createServiceMetrics(),
    gauges: new SloGauges(new Registry(), 50),
    logger: pino({ level: 'silent' }),
    clock: () => AT,
  });
  return { evaluator, store, afterSave };
}

describe('the evaluator under leadership', () => {
  it('saves under the fence it holds and pages with it', async () => {
    const { evaluator, store, afterSave } = evaluatorWith({ fence: FENCE, now: () => AT, lost: vi.fn() });
    await evaluator.evaluate();
    expect(store.saveEvaluation).toHaveBeenCalledWith(expect.objectContaining({ at: AT, catalogVersion: 'v1' }), FENCE, AT);
    expect(store.saveSnapshots).not.toHaveBeenCalled();
    expect(afterSave).toHaveBeenCalledWith(expect.objectContaining({ fence: FENCE }));
  });

  it('saves and pages nothing when its lease ran out during the evaluation', async () => {
    const { evaluator, store, afterSave } = evaluatorWith({ fence: undefined, now: () => AT, lost: vi.fn() });
    const evaluation = await evaluator.evaluate();
    expect(evaluation.snapshots).toHaveLength(1);
    expect(store.saveEvaluation).not.toHaveBeenCalled();
    expect(store.saveSnapshots).not.toHaveBeenCalled();
    expect(afterSave).not.toHaveBeenCalled();
  });

  it('gives leadership up and pages nothing when the store refuses the save as fenced out', async () => {
    const lost = vi.fn();
    const { evaluator, afterSave } = evaluatorWith({ fence: FENCE, now: () => AT, lost }, vi.fn(async () => Promise.reject(new FencedOut(FENCE))));
    await evaluator.evaluate();
    expect(lost).toHaveBeenCalledWith(expect.stringContaining('epoch 3'));
    expect(afterSave).not.toHaveBeenCalled();
  });
});
