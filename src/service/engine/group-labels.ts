/**
 * A group of a grouped SLO ({ route: "/cart" }; {} for the whole SLO) and every way it is written. Each
 * text is a contract with a different reader, so they differ on purpose and must not change: the store's
 * key is in databases, the dedup text in PagerDuty incidents, the gauge value in users' queries.
 */

/** Label values of one groupBy group, e.g. { route: "/cart" }; {} for ungrouped SLOs. */
export type GroupLabels = Record<string, string>;

/** Label names sorted by code point, so one group has one text whatever the order of its labels. */
function sortedNames(group: GroupLabels): string[] {
  return Object.keys(group).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The group of a series: its groupBy labels (missing ones empty), and a key for merging within one query. */
export function groupOfSeries(groupBy: readonly string[], labels: Record<string, string>): { key: string; group: GroupLabels } {
  const group: GroupLabels = {};
  for (const name of groupBy) group[name] = labels[name] ?? '';
  return { key: JSON.stringify(groupBy.map((name) => group[name])), group };
}

/** The store's `group_key` column: `{"route":"/cart"}`, JSON with sorted keys. */
export function groupStoreKey(group: GroupLabels): string {
  // Built by hand: JSON.stringify of an object would move integer-like keys first, whatever the sort.
  return `{${sortedNames(group).map((key) => `${JSON.stringify(key)}:${JSON.stringify(group[key])}`).join(',')}}`;
}

export function parseGroupStoreKey(key: string): GroupLabels {
  return JSON.parse(key) as GroupLabels;
}

/** PagerDuty dedup keys and summaries: `{method="GET",route="/cart"}`, values quoted and escaped. */
export function groupDedupText(group: GroupLabels): string {
  return `{${sortedNames(group).map((key) => `${key}=${JSON.stringify(group[key])}`).join(',')}}`;
}

/** The `group` label of the service's per-SLO gauges: `route=/cart`; "" for the whole SLO. */
export function groupGaugeValue(group: GroupLabels): string {
  return Object.entries(group)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The status page: `route="/cart", method="GET"`. */
export function groupDisplayText(group: GroupLabels): string {
  return Object.entries(group)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
}
