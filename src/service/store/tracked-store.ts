/**
 * Reports the outcome of every store call to a StoreHealth, so the evaluator's saves, the API's reads, the
 * paging sender's polls and the standby's reads all keep the health current without a ping of their own.
 */
import type { StoreHealth } from './store-health.js';

/** Not a database call: closing the pool says nothing about the database. */
const UNTRACKED = new Set(['close']);

/**
 * The same store with each method tracked under its name ("history", "paging.claimDueEvents"); nested
 * stores (paging, leases) are wrapped one level down. Every store method is async, so a wrapped one returns
 * a promise as before. The store itself is not modified.
 */
export function withStoreHealth<T extends object>(store: T, health: StoreHealth, prefix = ''): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(store)) {
    const operation = `${prefix}${name}`;
    if (typeof value === 'function' && !UNTRACKED.has(operation)) {
      const method = value as (...args: unknown[]) => unknown;
      wrapped[name] = (...args: unknown[]) => health.track(operation, async () => method.apply(store, args));
    } else if (typeof value === 'object' && value !== null && prefix === '') {
      wrapped[name] = withStoreHealth(value, health, `${operation}.`);
    } else {
      wrapped[name] = value;
    }
  }
  return wrapped as T;
}
