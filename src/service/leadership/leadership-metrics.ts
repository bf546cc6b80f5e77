/** Leadership on /metrics: which replica leads, and how often leadership changed hands. */
import { Counter, Gauge, type Registry } from 'prom-client';

export interface LeadershipMetrics {
  leader: Gauge<string>;
  transitions: Counter<'to'>;
}

export function createLeadershipMetrics(registry: Registry): LeadershipMetrics {
  return {
    leader: new Gauge({ name: 'burnrate_leader', help: '1 while this replica holds the evaluator lease (evaluates and pages), 0 while it stands by.', registers: [registry] }),
    transitions: new Counter({ name: 'burnrate_leader_transitions_total', help: 'Times this replica became leader or stood down.', labelNames: ['to'], registers: [registry] }),
  };
}
