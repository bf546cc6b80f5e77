/** The reliability table: one row per measurement, the median over runs, the target, every run's value. */
import { fixed, table } from '../lib/markdown.js';
import type { ReliabilityResult, Runs } from './reliability.js';
import { median } from '../lib/stats.js';

interface Row {
  measurement: string;
  values: number[];
  digits: number;
  unit: string;
  target: string;
}

function rows<T>(runs: Runs<T>, specs: { measurement: string; value: (r: T) => number | undefined; digits?: number; unit?: string; target: string }[]): Row[] {
  return specs.map((s) => ({
    measurement: s.measurement,
    values: runs.results.map(s.value).filter((v): v is number => v !== undefined),
    digits: s.digits ?? 1,
    unit: s.unit ?? '',
    target: s.target,
  }));
}

export function reliabilityTable(result: ReliabilityResult): string {
  const { flood, failover, skew, crash, hung, endless, options } = result;
  const n = (v: boolean) => (v ? 1 : 0);
  const all: Row[] = [
    ...rows(flood, [
      { measurement: `OTLP flood (${options.floodSenders} senders × 16 MiB hostile protobuf, ${options.floodSeconds} s): peak RSS`, value: (r) => r.peakRssMb, digits: 0, unit: ' MB', target: '< 300 MB' },
      { measurement: 'OTLP flood: event-loop delay p99 (worst second, service /metrics)', value: (r) => r.loopP99Ms, unit: ' ms', target: '< 100 ms' },
      { measurement: 'OTLP flood: /healthz latency p99 (client)', value: (r) => r.healthzP99Ms, unit: ' ms', target: '< 50 ms' },
      { measurement: 'Idle baseline, same service just before the flood: event-loop delay p99 (worst second)', value: (r) => r.idleLoopP99Ms, unit: ' ms', target: '–' },
      { measurement: 'Idle baseline: /healthz latency p99 (client)', value: (r) => r.idleHealthzP99Ms, unit: ' ms', target: '–' },
      { measurement: 'OTLP flood: bodies accepted (200) per run', value: (r) => r.requests['200'] ?? 0, digits: 0, target: '–' },
    ]),
    ...rows(failover, [
      { measurement: 'Failover, leader SIGKILLed: standby /readyz says leader', value: (r) => r.killLeaderSeconds, unit: ' s', target: '< 30 s' },
      { measurement: 'Failover, leader SIGKILLed: new evaluation served', value: (r) => r.killEvaluationSeconds, unit: ' s', target: '< 30 s' },
      { measurement: 'Handover, leader SIGTERMed (lease released): new evaluation served', value: (r) => r.termEvaluationSeconds, unit: ' s', target: '< 30 s' },
    ]),
    ...rows(skew, [
      { measurement: 'Catalog skew: triggers per dedup key (ttl 10 s; stale leader stalls 14 s, then the new one 13 s)', value: (r) => r.triggersPerKey, digits: 0, target: 'exactly 1' },
      { measurement: 'Catalog skew: resolves while burning (same phases)', value: (r) => r.resolves, digits: 0, target: '0' },
      { measurement: 'Catalog skew: stale leader stalled → page sent', value: (r) => r.pageAfterStallSeconds, unit: ' s', target: '–' },
      { measurement: 'Catalog skew: new leader stalls until the stale one leads (after s)', value: (r) => r.longStall?.staleLedAfterSeconds, unit: ' s', target: '–' },
      { measurement: 'Catalog skew: … then resolves while burning', value: (r) => r.longStall?.resolves, digits: 0, target: '0' },
    ]),
    ...rows(crash, [
      { measurement: 'Leader SIGKILLed mid-delivery: deliveries of the trigger (same dedup key)', value: (r) => r.triggerDeliveries, digits: 0, target: '1–2' },
      { measurement: 'Leader SIGKILLed mid-delivery: incidents (dedup keys triggered)', value: (r) => r.incidents, digits: 0, target: 'exactly 1' },
      { measurement: 'Leader SIGKILLed mid-delivery: the sender was the leader', value: (r) => n(r.victimWasLeader), digits: 0, target: '1' },
      { measurement: 'Leader SIGKILLed mid-delivery: other replica leads', value: (r) => r.newLeaderSeconds, unit: ' s', target: '< 30 s' },
      { measurement: 'Leader SIGKILLed mid-delivery: pending trigger sent again', value: (r) => r.resentSeconds, unit: ' s', target: '–' },
    ]),
    ...rows(hung, [
      { measurement: 'Shutdown, cluster never answers (SIGTERM 1 s into an evaluation): exit', value: (r) => r.exitSeconds, unit: ' s', target: '< 10 s' },
      { measurement: 'Shutdown, cluster never answers: peak RSS', value: (r) => r.peakRssMb, digits: 0, unit: ' MB', target: '< 300 MB' },
    ]),
    ...rows(endless, [
      { measurement: 'Shutdown, cluster streams an endless answer (SIGTERM after 3 s): exit', value: (r) => r.exitSeconds, unit: ' s', target: '< 10 s' },
      { measurement: 'Shutdown, endless answer: peak RSS', value: (r) => r.peakRssMb, digits: 0, unit: ' MB', target: '< 300 MB' },
    ]),
  ];
  const body = table(
    ['measurement', 'median', 'target', 'runs'],
    all.map((r) => [r.measurement, fixed(median(r.values), r.digits, r.unit), r.target, r.values.length ? `${r.values.length}: ${r.values.map((v) => fixed(v, r.digits)).join(', ')}` : '0']),
  );
  const failures = Object.entries({ flood, failover, skew, crash, hung, endless }).flatMap(([name, runs]) => runs.errors.map((e) => `- ${name}: a run failed: ${e}`));
  const blocked = skew.results.flatMap((r) => (r.longStall?.blocked ? [`- catalog skew: the stale replica did not lead within 60 s of the new leader's stall; PostgreSQL showed ${r.longStall.blocked}.`] : []));
  const exits = [...hung.results, ...endless.results].filter((r) => r.exitCode !== 0).length;
  const notes = [
    `Service: ${result.service}.`,
    ...(exits > 0 ? [`- ${exits} shutdown run(s) did not exit with code 0.`] : []),
    ...blocked,
    ...failures,
  ];
  return `${body}\n\n${notes.join('\n')}\n`;
}
