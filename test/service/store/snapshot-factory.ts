/** Real engine snapshots for store tests: the store saves exactly what the engine produces. */
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import type { BudgetSnapshot } from '../../../src/service/engine/types.js';
import type { GroupLabels } from '../../../src/service/engine/group-labels.js';
import type { SloWindow } from '../../../src/core/model/slo.js';
import { makeSlo, okCluster, staleCluster } from '../engine/slo-fixture.js';

export interface SnapshotSpec {
  sloId?: string;
  group?: GroupLabels;
  at: Date;
  good: number;
  total: number;
  stale?: boolean;
  /** Every cluster stale (an outage): good and total are ignored, the counts are unknown. */
  outage?: boolean;
  window?: SloWindow;
  /** Counts of the alert windows ("5m", "1h", ...), from which the snapshot's burn rates come. */
  alertWindows?: Record<string, { good: number; total: number }>;
}

export function snapshot({ sloId = 'shop-availability', group = {}, at, good, total, stale = false, outage = false, window, alertWindows = {} }: SnapshotSpec): BudgetSnapshot {
  const slo = { ...makeSlo(99.9, window), id: sloId };
  const clusters = outage ? [staleCluster('eu'), staleCluster('us')] : [okCluster('eu', { good, total }, alertWindows), ...(stale ? [staleCluster('us')] : [])];
  return computeSnapshot(slo, { sloId, group, clusters }, at);
}
