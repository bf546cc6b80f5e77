/**
 * The SLI-kind seam: what each kind of SLI is, decided once per kind. The table is keyed by every member of
 * the model's `Sli` union, so a new kind does not type-check until it has an entry here; the `switch`es over
 * `sli.kind` elsewhere end in `unreachableSliKind`, so the compiler names each of them too.
 */
import type { Sli, SliKind } from '../model/slo.js';

export interface SliKindTraits {
  /**
   * events: the rules record good and total event counts, so budgets are traffic-weighted, the
   * low-traffic guard applies and the service collects the counts. errorRatio: only an error ratio is
   * recorded (a user's PromQL expression), so there is nothing to count, guard or collect.
   */
  measures: 'events' | 'errorRatio';
  /** Why no synthetic input series can be derived for the kind (promtool scenarios, demo workload). */
  noSyntheticSeries?: string;
}

export const SLI_KINDS: { readonly [K in SliKind]: SliKindTraits } = {
  ratio: { measures: 'events' },
  latency: { measures: 'events' },
  boolGauge: { measures: 'events' },
  raw: {
    measures: 'errorRatio',
    noSyntheticSeries: 'a raw SLI is an arbitrary PromQL expression, so no input series can be derived from it',
  },
  // Counted in judged time slices: a threshold SLI exists only with timeSlices.
  threshold: { measures: 'events', noSyntheticSeries: 'a threshold SLI has no event series; its time slices are scenario-tested on their own' },
  traces: { measures: 'events' },
};

/** Every kind, in the order messages list them. */
export const SLI_KIND_NAMES = Object.keys(SLI_KINDS) as SliKind[];

/** True when the SLI is measured in good and total events (every kind but raw error ratios). */
export function hasEventCounts(sli: Pick<Sli, 'kind'>): boolean {
  return SLI_KINDS[sli.kind].measures === 'events';
}

/** Ends an exhaustive `switch (sli.kind)`: adding a kind to the model makes every such switch fail to compile. */
export function unreachableSliKind(sli: never): never {
  throw new Error(`unknown SLI kind: ${JSON.stringify((sli as { kind?: unknown }).kind)}`);
}

/**
 * True when two types are identical, optional fields included: pins a hand-written schema or union to the
 * model, so a field added to one and not the other fails to compile instead of being dropped at run time.
 */
export type SameShape<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
