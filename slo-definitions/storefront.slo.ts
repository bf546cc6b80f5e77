import { defineSlos } from 'burnrate';

export default defineSlos({
  service: 'storefront',
  team: 'web',
  dashboardUrl: 'https://grafana.example.com/d/burnrate-storefront',
  slos: {
    'homepage-probe': {
      description: 'The public homepage answers the blackbox probe.',
      objective: 99.5,
      window: '30d',
      sli: {
        kind: 'boolGauge',
        metric: 'probe_success{job="blackbox",instance="https://shop.example.com/"}',
      },
      alerting: { minEvents: 20, noData: { for: '15m' } },
    },
    'monthly-availability': {
      description: 'Storefront page views render without a server error, counted per calendar month.',
      objective: 99.95,
      window: { calendar: 'month', timeZone: 'Europe/Berlin' },
      sli: {
        kind: 'ratio',
        good: 'storefront_page_views_total{status!~"5.."}',
        total: 'storefront_page_views_total',
      },
    },
  },
});
