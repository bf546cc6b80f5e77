/**
 * Per-SLO budget gauges on /metrics. Label sets stay bounded: `slo` comes from the catalog, `window` from
 * its alert windows, and groups collapse into one `group` label ("route=/cart"; "" for the whole SLO) of
 * which at most `maxGroupsPerSlo` per SLO are exported: the ones with the least budget left. The rest are
 * counted in burnrate_slo_groups_omitted.
 */
import { Gauge, type Registry } from 'prom-client';
import { GROUP_LABEL, SERVICE_METRICS as M, SLO_LABEL, WINDOW_LABEL } from '../../core/conventions/metrics.js';
import { snapshotsBySlo } from '../engine/snapshot-index.js';
import type { BudgetSnapshot } from '../engine/types.js';
import { groupGaugeValue } from '../engine/group-labels.js';

/** Least budget left first; groups without events last. */
function worstFirst(a: BudgetSnapshot, b: BudgetSnapshot): number {
  return (a.budget.remainingRatio ?? Infinity) - (b.budget.remainingRatio ?? Infinity);
}

export class SloGauges {
  readonly #remaining: Gauge;
  readonly #sli: Gauge;
  readonly #burnRate: Gauge;
  readonly #exhaustion: Gauge;
  readonly #status: Gauge;
  readonly #omitted: Gauge;

  constructor(
    registry: Registry,
    private readonly maxGroupsPerSlo: number,
  ) {
    const registers = [registry];
    const labelNames = [SLO_LABEL, GROUP_LABEL];
    this.#remaining = new Gauge({ name: M.budgetRemaining, help: 'Error budget left over the SLO window: 1 untouched, 0 spent, negative overspent.', labelNames, registers });
    this.#sli = new Gauge({ name: M.sli, help: 'Good events / all events over the SLO window.', labelNames, registers });
    this.#burnRate = new Gauge({ name: M.burnRate, help: 'Error ratio / error budget in each alert window.', labelNames: [...labelNames, WINDOW_LABEL], registers });
    this.#exhaustion = new Gauge({ name: M.secondsToExhaustion, help: 'Seconds until the budget is spent at the current burn rate (absent when not burning).', labelNames, registers });
    this.#status = new Gauge({ name: M.status, help: '1 for the SLO status: ok, partial (a cluster is stale) or no-data.', labelNames: [SLO_LABEL, 'status'], registers });
    this.#omitted = new Gauge({ name: M.groupsOmitted, help: 'Groups of the SLO left out of the per-group gauges by the cap.', labelNames: [SLO_LABEL], registers });
  }

  /** Replaces every series with the latest snapshots, so removed SLOs and groups disappear. */
  update(snapshots: readonly BudgetSnapshot[]): void {
    for (const gauge of [this.#remaining, this.#sli, this.#burnRate, this.#exhaustion, this.#status, this.#omitted]) gauge.reset();
    for (const [slo, { whole, groups }] of snapshotsBySlo(snapshots)) {
      const kept = [...groups].sort(worstFirst).slice(0, this.maxGroupsPerSlo);
      this.#omitted.set({ slo }, groups.length - kept.length);
      for (const s of whole ? [whole, ...kept] : kept) this.#set(s);
      const status = whole?.status ?? groups[0]?.status;
      if (status) this.#status.set({ slo, status }, 1);
    }
  }

  #set(s: BudgetSnapshot): void {
    const labels = { [SLO_LABEL]: s.sloId, [GROUP_LABEL]: groupGaugeValue(s.group) };
    if (s.budget.remainingRatio !== null) this.#remaining.set(labels, s.budget.remainingRatio);
    if (s.sli !== null) this.#sli.set(labels, s.sli);
    if (s.secondsToExhaustion !== null) this.#exhaustion.set(labels, s.secondsToExhaustion);
    for (const r of s.burnRates) if (r.burnRate !== null) this.#burnRate.set({ ...labels, [WINDOW_LABEL]: r.window }, r.burnRate);
  }
}
