/**
 * The synthetic workload's counters, histograms and probe gauges, advanced in real time by the traffic
 * model, and the spans of trace SLIs to send. Counts are whole events (fractions carry over).
 */
import { seriesText, type LabelSet } from '../core/synthetic/label-matching.js';
import { objectiveRatio } from '../core/model/slo.js';
import { DEFAULT_TRAFFIC, trafficAt, type TrafficOptions } from './workload-traffic.js';
import type { PlanItem } from './workload-plan.js';

export interface SpanBatch {
  item: Extract<PlanItem, { kind: 'spans' }>;
  route: string;
  good: number;
  bad: number;
}

interface HistogramGroup {
  labels: LabelSet;
  /** Events per bucket (not cumulative); the last entry is +Inf. */
  perBucket: number[];
  sum: number;
}

/** Later groups get less traffic, so groups differ. */
const GROUP_WEIGHTS = [0.5, 0.3, 0.2];

export class WorkloadState {
  readonly #counters = new Map<string, { name: string; text: string; value: number }>();
  readonly #histograms = new Map<PlanItem, HistogramGroup[]>();
  readonly #gauges = new Map<string, { name: string; text: string; value: number }>();
  readonly #carry = new Map<string, number>();

  constructor(
    private readonly plan: readonly PlanItem[],
    private readonly startedAt: Date,
    private readonly traffic: TrafficOptions = DEFAULT_TRAFFIC,
  ) {
    for (const item of plan) {
      if (item.kind === 'histogram') {
        this.#histograms.set(item, item.groups.map((labels) => ({ labels, perBucket: new Array<number>(item.buckets.length + 1).fill(0), sum: 0 })));
      }
    }
  }

  /** Whole events for `key` this step, keeping the fraction for the next one. */
  #whole(key: string, events: number): number {
    const total = events + (this.#carry.get(key) ?? 0);
    const whole = Math.floor(total);
    this.#carry.set(key, total - whole);
    return whole;
  }

  #inc(labels: LabelSet, by: number): void {
    const text = seriesText(labels);
    const entry = this.#counters.get(text) ?? { name: labels.__name__ ?? '', text, value: 0 };
    entry.value += by;
    this.#counters.set(text, entry);
  }

  /** Moves time forward by `seconds` to `at`; returns the spans to send for trace SLIs. */
  advance(at: Date, seconds: number): SpanBatch[] {
    const spans: SpanBatch[] = [];
    const active = this.plan.filter((p) => p.kind !== 'skipped');
    active.forEach((item, index) => {
      const t = trafficAt(index, active.length, objectiveRatio(item.slo), at, this.startedAt, this.traffic);
      const groupCount = item.kind === 'spans' ? item.routes.length : item.groups.length;
      for (let g = 0; g < groupCount; g++) {
        const weight = groupCount === 1 ? 1 : (GROUP_WEIGHTS[g] ?? 0.1) / GROUP_WEIGHTS.slice(0, groupCount).reduce((a, b) => a + b, 0);
        const key = `${item.slo.id}/${g}`;
        const events = this.#whole(key, t.eventsPerSecond * seconds * weight);
        const bad = this.#whole(`${key}/bad`, events * t.errorRatio);
        const good = Math.max(0, events - bad);
        this.#apply(item, g, good, bad, t.incident);
        if (item.kind === 'spans') spans.push({ item, route: item.routes[g] ?? '/', good, bad });
      }
    });
    return spans;
  }

  #apply(item: PlanItem, group: number, good: number, bad: number, incident: boolean): void {
    switch (item.kind) {
      case 'counters':
        for (const s of item.groups[group] ?? []) this.#inc(s.labels, s.role === 'good' ? good : s.role === 'bad' ? bad : good + bad);
        return;
      case 'gauge': {
        const labels = item.groups[group]!;
        const text = seriesText(labels);
        this.#gauges.set(text, { name: labels.__name__ ?? '', text, value: incident ? 0 : 1 });
        return;
      }
      case 'histogram': {
        const h = this.#histograms.get(item)![group]!;
        const at = item.buckets.indexOf(item.thresholdSeconds);
        // Good: half in the fastest bucket, half just under the threshold. Bad: just over it, and a slow tail.
        const fast = Math.floor(good / 2);
        h.perBucket[0]! += fast;
        h.perBucket[at]! += good - fast;
        const tail = Math.floor(bad / 4);
        h.perBucket[at + 1]! += bad - tail;
        h.perBucket[item.buckets.length]! += tail;
        h.sum += fast * item.buckets[0]! * 0.5 + (good - fast) * item.thresholdSeconds * 0.9 + bad * item.thresholdSeconds * 1.5 + tail * item.thresholdSeconds * 3;
        return;
      }
      default:
        return;
    }
  }

  /** Prometheus text exposition of everything but the spans. */
  exposition(): string {
    const lines: string[] = [];
    const typed = new Set<string>();
    const type = (name: string, kind: string) => {
      if (!typed.has(name)) lines.push(`# TYPE ${name} ${kind}`);
      typed.add(name);
    };
    for (const c of [...this.#counters.values()].sort((a, b) => a.text.localeCompare(b.text))) {
      type(c.name, c.name.endsWith('_bucket') || c.name.endsWith('_count') ? 'untyped' : 'counter');
      lines.push(`${c.text} ${c.value}`);
    }
    for (const g of this.#gauges.values()) {
      type(g.name, 'gauge');
      lines.push(`${g.text} ${g.value}`);
    }
    for (const [item, groups] of this.#histograms) {
      if (item.kind !== 'histogram') continue;
      type(item.name, 'histogram');
      for (const h of groups) {
        let cumulative = 0;
        [...item.buckets, Infinity].forEach((bound, i) => {
          cumulative += h.perBucket[i] ?? 0;
          const le = bound === Infinity ? '+Inf' : String(bound);
          lines.push(`${seriesText({ ...h.labels, __name__: `${item.name}_bucket`, le })} ${cumulative}`);
        });
        lines.push(`${seriesText({ ...h.labels, __name__: `${item.name}_sum` })} ${h.sum}`);
        lines.push(`${seriesText({ ...h.labels, __name__: `${item.name}_count` })} ${cumulative}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
