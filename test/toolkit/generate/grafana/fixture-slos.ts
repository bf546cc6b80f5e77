/**
 * SLOs the dashboard tests run on: the example catalog, and fixture sets that cover every SLI kind, every
 * window kind, groupBy, disabled alert tiers and service names that cannot be used as a uid as they are.
 * Fixtures go through the real validation, so they are exactly what `burnrate generate` would see.
 */
import { loadDefinitions } from '../../../../src/toolkit/load/load-definitions.js';
import type { LoadedDocument } from '../../../../src/toolkit/load/document.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import type { SloSetInput } from '../../../../src/toolkit/sdk/types.js';
import { validateDocuments } from '../../../../src/toolkit/validate/validate-documents.js';
import { REPO_ROOT } from '../../../support/cli.js';

const SETS: SloSetInput[] = [
  {
    service: 'payments',
    team: 'payments',
    runbookUrl: 'https://runbooks.example.com/payments',
    slos: {
      'ratio-good': {
        objective: 99.9,
        window: '30d',
        sli: { kind: 'ratio', good: 'http_requests_total{job="payments",code!~"5.."}', total: 'http_requests_total{job="payments"}' },
      },
      'ratio-errors-by-tenant': {
        objective: 99.5,
        window: '28d',
        groupBy: ['tenant', 'region'],
        sli: { kind: 'ratio', errors: 'http_requests_total{job="payments",code=~"5.."}', total: 'http_requests_total{job="payments"}' },
        alerting: { page: false },
      },
      'latency-weekly': {
        objective: 95,
        window: { calendar: 'week', timeZone: 'America/New_York' },
        sli: { kind: 'latency', histogram: 'http_request_duration_seconds{job="payments"}', threshold: '250ms' },
        alerting: { ticket: false },
      },
    },
  },
  {
    service: 'probes',
    team: 'sre',
    slos: {
      'gauge-daily': { objective: 99, window: '1d', sli: { kind: 'boolGauge', metric: 'probe_success{job="blackbox"}' } },
      'raw-monthly': {
        objective: 99.99,
        window: { calendar: 'month' },
        sli: {
          kind: 'raw',
          errorRatio: 'sum(rate(queue_failed_total[{{window}}])) / sum(rate(queue_processed_total[{{window}}]))',
        },
      },
    },
  },
  {
    service: 'overview',
    team: 'web',
    slos: {
      'traces-by-route': {
        objective: 99.9,
        window: '7d',
        groupBy: ['route'],
        sli: { kind: 'traces', service: 'web-frontend', spanName: 'GET /search', route: '/search/{query}', latencyThreshold: '1.5s' },
      },
      'traces-errors-only': { objective: 99, sli: { kind: 'traces', service: 'web-frontend', spanKind: 'client' } },
    },
  },
  {
    service: 'a-service-with-a-name-much-longer-than-forty-characters',
    team: 'platform',
    slos: { availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'jobs_failed_total', total: 'jobs_total' } } },
  },
];

function validated(docs: LoadedDocument[]): Slo[] {
  const result = validateDocuments(docs);
  if (!result.ok) throw new Error(`fixtures are invalid:\n${JSON.stringify(result.problems, null, 2)}`);
  return result.slos;
}

export function fixtureSlos(): Slo[] {
  return validated([{ file: 'test/dashboards/fixture.slo.ts', format: 'typescript', sets: SETS, problems: [] }]);
}

/** `count` SLOs of the same services, kinds and windows: the fixtures copied under new names (`ratio-good-2`, …). */
export function manyFixtureSlos(count: number): Slo[] {
  const copies = Math.ceil(count / fixtureSlos().length);
  const sets = SETS.map((set) => ({
    ...set,
    slos: Object.fromEntries(Array.from({ length: copies }, (_, copy) => Object.entries(set.slos).map(([name, slo]) => [`${name}-${copy}`, slo])).flat()),
  }));
  return validated([{ file: 'test/dashboards/fixture.slo.ts', format: 'typescript', sets, problems: [] }]).slice(0, count);
}

export async function exampleSlos(): Promise<Slo[]> {
  return validated(await loadDefinitions([`${REPO_ROOT}/slo-definitions`], REPO_ROOT));
}
