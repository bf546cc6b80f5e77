import { defineSlos } from 'burnrate';

export default defineSlos({
  service: 'checkout',
  team: 'payments',
  labels: { criticality: 'high' },
  runbookUrl: 'https://runbooks.example.com/checkout',
  slos: {
    availability: {
      description: 'Checkout API requests complete without a server error.',
      objective: 99.9,
      window: '30d',
      sli: {
        kind: 'ratio',
        errors: 'http_requests_total{job="checkout",code=~"5.."}',
        total: 'http_requests_total{job="checkout"}',
      },
    },
    'latency-by-route': {
      description: 'Checkout API requests on each route answer within 300ms.',
      objective: 99,
      window: '28d',
      groupBy: ['route'],
      sli: {
        kind: 'latency',
        histogram: 'http_request_duration_seconds{job="checkout"}',
        threshold: '300ms',
        buckets: [0.05, 0.1, 0.3, 0.5, 1, 2.5],
      },
      alerting: { ticket: { severity: 'info' } },
    },
  },
});
