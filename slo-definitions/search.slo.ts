import { defineSlos } from 'burnrate';

export default defineSlos({
  service: 'search',
  team: 'discovery',
  runbookUrl: 'https://runbooks.example.com/search',
  slos: {
    'query-latency': {
      description: 'Search queries return results within 500ms.',
      objective: 99.5,
      window: '7d',
      sli: {
        kind: 'latency',
        histogram: 'search_query_duration_seconds{job="search"}',
        threshold: '500ms',
      },
    },
    'traced-requests': {
      description: 'Traced search requests succeed within 1s, counted from OpenTelemetry spans.',
      objective: 99,
      window: '30d',
      groupBy: ['route'],
      sli: {
        kind: 'traces',
        service: 'search-api',
        spanKind: 'server',
        latencyThreshold: '1s',
      },
      alerting: { minEvents: 50 },
    },
  },
});
