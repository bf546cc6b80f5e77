import { defineSlos } from 'burnrate';

// The trace SLO of the Jaeger end-to-end test (test/e2e/jaeger-traces.test.ts): checkout's server spans on
// /cart are good when they succeed within 300ms. A low objective keeps the numbers of a small mix readable.
export default defineSlos({
  service: 'checkout',
  team: 'payments',
  runbookUrl: 'https://runbooks.example.com/checkout',
  slos: {
    cart: {
      description: 'Cart requests succeed within 300ms.',
      objective: 90,
      window: '30d',
      sli: { kind: 'traces', service: 'checkout', spanKind: 'server', route: '/cart', latencyThreshold: '300ms' },
    },
  },
});
