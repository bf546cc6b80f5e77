/** Canonical text of a group's labels: stable across label order, so one group is one series. */
import type { GroupLabels } from '../engine/types.js';

export function groupKey(group: GroupLabels): string {
  // Built by hand: JSON.stringify of an object would move integer-like keys first, whatever the sort.
  const entries = Object.keys(group)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(group[key])}`);
  return `{${entries.join(',')}}`;
}

export function parseGroupKey(key: string): GroupLabels {
  return JSON.parse(key) as GroupLabels;
}
