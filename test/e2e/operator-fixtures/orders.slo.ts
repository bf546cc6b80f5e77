import { defineSlos } from 'burnrate';

// The SLO the operator pipeline test burns: a plain request ratio, installed through the chart.
export default defineSlos({
  service: 'orders',
  team: 'payments',
  runbookUrl: 'https://runbooks.example.com/orders',
  slos: {
    availability: {
      description: 'Order requests complete without a server error.',
      objective: 99.9,
      window: '30d',
      sli: {
        kind: 'ratio',
        errors: 'orders_requests_total{code="500"}',
        total: 'orders_requests_total',
      },
      // No hold: the page resolves at the first evaluation after the burn stops (the default holds it 5m).
      alerting: { minEvents: 10, page: { keepFiringFor: '0s' } },
    },
  },
});
