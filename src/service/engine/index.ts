/** The budget engine: counts in, budget snapshots out. Pure functions only. */
export * from './types.js';
export { computeSnapshot } from './compute-snapshot.js';
export { calendarPeriod, type CalendarPeriod, type CalendarWindow } from './calendar-period.js';
export { windowBounds, windowRangeSeconds, type WindowBounds } from './window-bounds.js';
export { burnRateWindows, type BurnRateWindow } from '../../core/windows/burn-rate-windows.js';
export { mergeClusters, sumCounts, type MergedCounts } from './merge-clusters.js';
export { budgetOf, burnRateOf, errorRatio, secondsToExhaustion, sliRatio } from './budget-maths.js';
