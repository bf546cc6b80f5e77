import type { SloSetInput } from './types.js';

/** Marks an object as a Burnrate SLO set so loaders can find it among a module's exports. */
export const SLO_SET_MARKER = Symbol.for('burnrate.sloSet');

export type SloSet = SloSetInput & { readonly [SLO_SET_MARKER]: true };

/**
 * Declares the SLOs of one service. Export the result (default or named) from a `*.slo.ts` file.
 * Types guide the author; `burnrate validate` checks everything else and lists every problem at once.
 */
export function defineSlos<const T extends SloSetInput>(set: T): T & SloSet {
  return Object.defineProperty({ ...set }, SLO_SET_MARKER, { value: true, enumerable: false }) as T & SloSet;
}

export function isSloSet(value: unknown): value is SloSet {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SLO_SET_MARKER] === true;
}
