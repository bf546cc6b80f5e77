/** Builds validated-model SLOs for engine tests, and reads the real compiled catalog. */
import { readFileSync } from 'node:fs';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog.js';
import type { Slo, SloWindow } from '../../../src/core/model/slo.js';
import type { ClusterCounts, EventCounts, SloObservation } from '../../../src/service/engine/types.js';

export function makeSlo(objectivePercent: number, window: SloWindow = { kind: 'rolling', days: 30 }): Slo {
  return {
    id: 'test-availability',
    name: 'availability',
    service: 'test',
    team: 'team',
    description: 'test SLO',
    objectivePercent,
    window,
    sli: { kind: 'ratio', total: 'requests_total', errors: 'requests_total{code=~"5.."}' },
    groupBy: [],
    labels: {},
    alerting: {
      page: { enabled: true, severity: 'critical' },
      ticket: { enabled: true, severity: 'warning' },
      labels: {},
      minEvents: 100,
      noData: { enabled: true, forSeconds: 600, severity: 'warning' },
      budgetExhausted: { enabled: true, severity: 'warning' },
    },
    source: { file: 'test.slo.ts', format: 'typescript' },
  };
}

export function okCluster(cluster: string, window: EventCounts, alertWindows: Record<string, EventCounts> = {}): ClusterCounts {
  return { cluster, status: 'ok', window, alertWindows };
}

export function staleCluster(cluster: string): ClusterCounts {
  return { cluster, status: 'stale', error: 'timeout', alertWindows: {} };
}

export function observe(clusters: ClusterCounts[], sloId = 'test-availability'): SloObservation {
  return { sloId, group: {}, clusters };
}

export function loadCatalog(): CompiledCatalog {
  return JSON.parse(readFileSync(new URL('../../../alerts/catalog.json', import.meta.url), 'utf8')) as CompiledCatalog;
}
