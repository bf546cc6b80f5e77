/**
 * Evaluation cost of rule files in a live Prometheus: per rule group, `prometheus_rule_group_last_duration_seconds`
 * after each new evaluation (the first one, with cold caches, is skipped); the median per group, summed.
 */
import type { PrometheusServer } from './prometheus-server.js';

export interface RuleCost {
  groups: number;
  rules: number;
  /** Sum over groups of each group's median evaluation time, seconds. */
  evaluationSeconds: number;
  /** Samples written by one evaluation of every group (recorded series, plus ALERTS of firing alerts). */
  samplesPerEvaluation: number;
  evaluationsPerGroup: number;
  /** Each group's median times its evaluations per minute at the interval its rule file gives it, summed. */
  evaluationSecondsPerMinute: number;
  /** Samples written per minute, each group weighted the same way. */
  samplesPerMinute: number;
  /**
   * CPU seconds Prometheus spent (`process_cpu_seconds_total`) per evaluation of every group, after each group's
   * first: unlike wall-clock durations, barely moved by other jobs on a shared machine.
   */
  cpuSecondsPerEvaluation: number;
  /** `evaluationSeconds` split by the kind of group ({@link groupKind}): where one evaluation of every group goes. */
  evaluationSecondsByKind?: Record<string, number>;
}

/**
 * The kind of a rule group, from its name without the SLO: ours end in -sli, -window or -alerts; Sloth's start
 * with sloth-slo-sli-recordings, -meta-recordings or -alerts.
 */
export function groupKind(group: string): string {
  return /^sloth-slo-(sli-recordings|meta-recordings|alerts)-/.exec(group)?.[1] ?? /^burnrate-.+-(sli|window|alerts)$/.exec(group)?.[1] ?? 'other';
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** Prometheus does not store its own metrics unless it scrapes itself: read them from /metrics. */
async function byGroup(url: string, metric: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const found = new Map<string, number>();
  const pattern = new RegExp(`^${metric}\\{rule_group="([^"]*)"\\} (\\S+)$`, 'gm');
  for (const [, group, value] of text.matchAll(pattern)) found.set(group ?? '', Number(value));
  return found;
}

async function processCpuSeconds(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
}

/**
 * `slowGroups`: names of groups with their own long interval (our hourly group). They run once an hour,
 * so they are neither waited for nor summed; one of their evaluations costs about one fast group's.
 */
export async function measureRuleCost(
  server: PrometheusServer,
  evaluations: number,
  timeoutMs: number,
  slowGroups: ReadonlySet<string> = new Set(),
  /** Evaluations per minute of each group in production (its own `interval`); others at the server's interval. */
  perMinute: (group: string) => number = () => 1,
): Promise<RuleCost> {
  const slow = (group: string) => slowGroups.has(group.split(';').pop() ?? '');
  const durations = new Map<string, number[]>();
  const lastSeen = new Map<string, number>();
  const deadline = Date.now() + timeoutMs;
  let samples = new Map<string, number>();
  // CPU is counted from the poll at which every group has been evaluated once, with the evaluations since.
  let cpuFrom: { seconds: number; evaluations: Map<string, number> } | undefined;
  while (Date.now() < deadline) {
    const stamps = await byGroup(server.url, 'prometheus_rule_group_last_evaluation_timestamp_seconds');
    const took = await byGroup(server.url, 'prometheus_rule_group_last_duration_seconds');
    for (const [group, stamp] of stamps) {
      if (slow(group) || stamp <= 0 || lastSeen.get(group) === stamp) continue;
      const first = !lastSeen.has(group);
      lastSeen.set(group, stamp);
      if (!first) durations.set(group, [...(durations.get(group) ?? []), took.get(group) ?? 0]);
    }
    const timedGroups = [...stamps.keys()].filter((g) => !slow(g));
    if (cpuFrom === undefined && timedGroups.length > 0 && timedGroups.every((g) => lastSeen.has(g))) {
      cpuFrom = { seconds: await processCpuSeconds(server.url), evaluations: new Map(timedGroups.map((g) => [g, durations.get(g)?.length ?? 0])) };
    }
    samples = await byGroup(server.url, 'prometheus_rule_group_last_evaluation_samples');
    const done = stamps.size > 0 && [...stamps.keys()].filter((g) => !slow(g)).every((g) => (durations.get(g)?.length ?? 0) >= evaluations);
    if (done) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  const rules = await byGroup(server.url, 'prometheus_rule_group_rules');
  const counts = [...durations.values()].map((d) => d.length);
  const cpuSeconds = (await processCpuSeconds(server.url)) - (cpuFrom?.seconds ?? Number.NaN);
  const since = [...(cpuFrom?.evaluations ?? [])].map(([g, before]) => (durations.get(g)?.length ?? 0) - before);
  const cpuSecondsPerEvaluation = cpuSeconds / (since.reduce((a, b) => a + b, 0) / Math.max(1, since.length));
  const name = (group: string) => group.split(';').pop() ?? '';
  return {
    evaluationSecondsPerMinute: [...durations.entries()].reduce((sum, [g, d]) => sum + median(d) * perMinute(name(g)), 0),
    samplesPerMinute: [...samples.entries()].filter(([g]) => !slow(g)).reduce((sum, [g, n]) => sum + n * perMinute(name(g)), 0),
    groups: rules.size,
    rules: [...rules.values()].reduce((a, b) => a + b, 0),
    evaluationSeconds: [...durations.values()].reduce((sum, d) => sum + median(d), 0),
    samplesPerEvaluation: [...samples.entries()].filter(([g]) => !slow(g)).reduce((a, [, b]) => a + b, 0),
    evaluationsPerGroup: counts.length > 0 ? Math.min(...counts) : 0,
    cpuSecondsPerEvaluation,
    evaluationSecondsByKind: [...durations.entries()].reduce<Record<string, number>>((byKind, [g, d]) => {
      const kind = groupKind(name(g));
      byKind[kind] = (byKind[kind] ?? 0) + median(d);
      return byKind;
    }, {}),
  };
}
