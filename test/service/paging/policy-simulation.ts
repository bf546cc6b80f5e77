/** Runs the paging policy over a history of evaluations, applying its changes as the store would. */
import type { BudgetSnapshot } from '../../../src/service/engine/types.js';
import type { PagingSlo } from '../../../src/service/paging/page-condition.js';
import { decidePaging } from '../../../src/service/paging/paging-policy.js';
import type { PageEvent, PagingChange, PagingState } from '../../../src/service/paging/paging-types.js';
import { availability, BURNING, HEALTHY, minutes, noDataSnapshot, snapshot } from './paging-fixtures.js';

export type StepKind = 'burning' | 'clear' | 'no-data' | 'partial-clear' | 'partial-burning';

export interface Step {
  kind: StepKind;
  /** Minutes since the previous evaluation. */
  gap: number;
}

export function stepSnapshot(kind: StepKind, at: Date, slo = availability): BudgetSnapshot {
  switch (kind) {
    case 'burning':
      return snapshot({ slo, at, fill: BURNING });
    case 'clear':
      return snapshot({ slo, at, fill: HEALTHY });
    case 'no-data':
      return noDataSnapshot(at, slo);
    case 'partial-clear':
      return snapshot({ slo, at, fill: HEALTHY, staleCluster: true });
    case 'partial-burning':
      return snapshot({ slo, at, fill: BURNING, staleCluster: true });
  }
}

export function applyChanges(states: Map<string, PagingState>, changes: readonly PagingChange[]): void {
  for (const change of changes) {
    if (change.kind === 'resolve') states.delete(change.previous.dedupKey);
    else states.set(change.state.dedupKey, change.state);
  }
}

export interface SimulatedEvaluation {
  at: Date;
  kind: StepKind;
  events: PageEvent[];
  openAfter: boolean;
}

/** The SLO with its page hold (alerting.page.keepFiringFor) set to `holdMs`. */
export function withPageHold<T extends PagingSlo>(slo: T, holdMs: number): T {
  return { ...slo, alerting: { ...slo.alerting, page: { ...slo.alerting.page, keepFiringForSeconds: holdMs / 1000 } } };
}

export function simulate(steps: readonly Step[], holdMs: number, slos: readonly PagingSlo[] = [availability]): SimulatedEvaluation[] {
  const held = slos.map((slo) => withPageHold(slo, holdMs));
  const states = new Map<string, PagingState>();
  let minute = 0;
  return steps.map((step) => {
    minute += step.gap;
    const at = minutes(minute);
    const changes = decidePaging({ at, slos: held, snapshots: [stepSnapshot(step.kind, at)], states: [...states.values()] });
    applyChanges(states, changes);
    return { at, kind: step.kind, events: changes.flatMap((c) => (c.kind === 'hold' ? [] : [c.event])), openAfter: states.size > 0 };
  });
}
