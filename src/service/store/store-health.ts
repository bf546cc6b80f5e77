/**
 * Whether the store answered lately, in memory: every store call reports its outcome (tracked-store.ts),
 * so /readyz and /metrics show database trouble without pinging the database on every probe.
 */
import type { Counter, Gauge } from 'prom-client';
import { classifyStoreError, type StoreErrorClass } from './store-errors.js';

export interface StoreHealthState {
  /** null until the first store call has finished. */
  ok: boolean | null;
  /** When the current state began: the first failed call of an outage, or the first success after it. */
  since: Date | null;
  /** While down: why (a fixed text, see store-errors.ts) and which call found out. */
  error?: string;
  operation?: string;
  lastSuccessAt: Date | null;
  /** The last call that found the database unavailable. */
  lastFailureAt: Date | null;
}

export interface StoreHealthMetrics {
  /** 1 after a call succeeded, 0 after one found the database unavailable. */
  up: Pick<Gauge, 'set'>;
  /** Failed calls by operation and reason (unavailable, error). */
  errors: Pick<Counter<'operation' | 'reason'>, 'inc'>;
}

export class StoreHealth {
  #state: StoreHealthState = { ok: null, since: null, lastSuccessAt: null, lastFailureAt: null };
  readonly #metrics: StoreHealthMetrics | undefined;
  readonly #clock: () => Date;

  constructor(options: { metrics?: StoreHealthMetrics; clock?: () => Date } = {}) {
    this.#metrics = options.metrics;
    this.#clock = options.clock ?? (() => new Date());
  }

  state(): StoreHealthState {
    return { ...this.#state };
  }

  succeeded(): void {
    const now = this.#clock();
    const since = this.#state.ok === true ? this.#state.since : now;
    this.#state = { ok: true, since, lastSuccessAt: now, lastFailureAt: this.#state.lastFailureAt };
    this.#metrics?.up.set(1);
  }

  /**
   * Counts the failure; only an unavailable database turns the store down. Any other error came from a
   * database that answered (a constraint, a lost lease), so the state stays as it was.
   */
  failed(operation: string, error: unknown): StoreErrorClass {
    const found = classifyStoreError(error);
    this.#metrics?.errors.inc({ operation, reason: found.unavailable ? 'unavailable' : 'error' });
    if (!found.unavailable) return found;
    const now = this.#clock();
    const since = this.#state.ok === false ? this.#state.since : now;
    this.#state = { ok: false, since, error: found.reason, operation, lastSuccessAt: this.#state.lastSuccessAt, lastFailureAt: now };
    this.#metrics?.up.set(0);
    return found;
  }

  async track<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.succeeded();
      return result;
    } catch (error) {
      this.failed(operation, error);
      throw error;
    }
  }
}
