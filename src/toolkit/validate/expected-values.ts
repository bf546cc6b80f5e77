/** What each authoring field expects, in the author's terms, for shape errors ("must be X, got Y"). */

const SELECTOR = 'a PromQL selector (string) such as http_requests_total{job="api"}';
const LATENCY = 'a latency (string) such as "300ms"';
const TIER = 'true, false or { severity: "..." }';
const LABELS = 'an object of label names to string values, e.g. { component: "payments" }';
const URL_TEXT = 'an http(s) URL (string)';

const EXPECTED: Record<string, string> = {
  service: 'a service name (string) such as "checkout"',
  team: 'the owning team (string) such as "payments"',
  slos: 'an object of SLOs keyed by name, e.g. { availability: { objective: 99.9, sli: {...} } }',
  '': 'an SLO: an object with objective and sli',
  labels: LABELS,
  description: 'a sentence (string)',
  objective: 'a percentage (number) such as 99.9',
  window: '"30d" (whole days) or { calendar: "month" }',
  'window.calendar': '"month" or "week"',
  'window.timeZone': 'an IANA time zone (string) such as "Europe/Berlin"',
  sli: 'an object with a kind, e.g. { kind: "ratio", errors: "...", total: "..." }',
  'sli.good': SELECTOR,
  'sli.errors': SELECTOR,
  'sli.total': SELECTOR,
  'sli.histogram': 'a histogram selector (string) such as http_request_duration_seconds{job="api"}',
  'sli.metric': 'a 0/1 gauge selector (string) such as probe_success{job="blackbox"}',
  'sli.threshold': LATENCY,
  'sli.latencyThreshold': LATENCY,
  'sli.buckets': 'a list of bucket boundaries in seconds such as [0.1, 0.3, 1]',
  'sli.buckets.*': 'a bucket boundary in seconds (number) such as 0.3',
  'sli.errorRatio': 'a PromQL expression (string) with [{{window}}] ranges',
  'sli.service': 'the service.name of the spans (string)',
  'sli.spanName': 'a span name (string) such as "POST /checkout"',
  'sli.route': 'an http.route (string) such as "/api/orders/:id"',
  groupBy: 'a list of label names such as ["route"]',
  'groupBy.*': 'a label name (string) such as "route"',
  runbookUrl: URL_TEXT,
  dashboardUrl: URL_TEXT,
  alerting: 'an object of alerting options, e.g. { minEvents: 100 }',
  'alerting.page': TIER,
  'alerting.ticket': TIER,
  'alerting.labels': LABELS,
  'alerting.minEvents': 'a whole number of events (number) such as 100',
  'alerting.noData': 'true, false or { for: "10m", severity: "warning" }',
  'alerting.noData.for': 'a duration (string) such as "10m"',
  'alerting.budgetExhausted': TIER,
};

/** The expectation for a field path such as ["sli", "total"] or ["labels", "team"]. */
export function expectedAt(path: readonly PropertyKey[]): string | undefined {
  const parts = path.map((p) => (typeof p === 'number' ? '*' : String(p)));
  const key = parts.join('.');
  if (EXPECTED[key]) return EXPECTED[key];
  if (parts.at(-1) === 'severity') return 'a severity (string) such as "critical" or "warning"';
  if (parts.length >= 2 && parts.at(-2) === 'labels') return 'a label value (string)';
  return undefined;
}

/** How a wrong value reads in a message: `the string "99.9"`, `the number 300`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}
