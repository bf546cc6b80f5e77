/**
 * A trace SLI end to end with real components: an OpenTelemetry SDK client sends a known mix of spans to
 * real Jaeger v2 running the umbrella chart's collector config (endpoints moved to local ports only); its
 * traces pipeline stores them and forwards them to a real `burnrate serve`, which counts them; a real
 * Prometheus 3 scrapes the counters and evaluates the rules `burnrate generate` wrote; the service reads
 * the recorded counts back and reports the SLO's budget.
 *
 * What is exact, and why: the counters (service and Prometheus) equal the mix. The recorded counts come from
 * increase(), which extrapolates to the edges of its window, so they are the mix times a factor; but good
 * and total are scraped together and share that factor when the counters started in the same proportion
 * as the mix (see FIRST), so the good share, error ratio, burn rate and remaining budget are exact.
 * The whole-window counts are the five-minute counts' mean times 8640 slots (a 30-day estimate), so those are
 * checked against Prometheus's recorded samples at the evaluation's own time.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDED, SPAN_COUNTERS } from '../../src/core/conventions/metrics.js';
import { runRulesAtTestPace } from '../support/rules-at-test-pace.js';
import { runCli } from '../support/cli.js';
import { chartJaegerConfig, freeJaegerPorts, localJaegerConfig, startJaeger, BURNRATE_EXPORTER, type JaegerServer } from '../support/jaeger.js';
import { sendSpans, spans } from '../support/otlp-spans.js';
import { freePort } from '../support/ports.js';
import { waitFor } from '../support/processes.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { prometheusLines } from '../support/stack-tools.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startPrometheus, type PrometheusServer } from '../service/support/prometheus-server.js';

const SLO = 'checkout-cart';
const SLOTS = (30 * 86_400) / 300;
const cart = { service: 'checkout', kind: 'server', route: '/cart' } as const;

// The counters are born at their first value, and increase() cannot see a step from nothing: these spans
// create the series. 3 good of 4, the mix's share, so good and total extrapolate alike (durationToZero).
const FIRST = [...spans(3, cart, () => 40), ...spans(1, { ...cart, error: true }, () => 40)];
// The mix the SLI counts (threshold 300ms): 30 good, 6 failed, 4 too slow.
const MIX = [...spans(30, cart, (i) => 10 + 9 * i), ...spans(6, { ...cart, error: true }, () => 50), ...spans(4, cart, () => 600)];
const MIX_GOOD = 30;
const MIX_ERROR_RATIO = 1 - MIX_GOOD / MIX.length;
/** 1 − the fixture's objective (90%). */
const ERROR_BUDGET = 0.1;
// Spans the SLI must not count: another service, a client span, another route.
const IGNORED = [
  ...spans(5, { ...cart, service: 'inventory' }, () => 20),
  ...spans(3, { ...cart, kind: 'client' }, () => 20),
  ...spans(2, { ...cart, route: '/health' }, () => 20),
];
const COUNTED = { total: FIRST.length + MIX.length, good: 3 + MIX_GOOD };

const temp = await makeTempDir('burnrate-jaeger-');
const chart = await chartJaegerConfig();
let jaegerConfig: Record<string, any>;
let prometheus: PrometheusServer;
let serve: ServeProcess;
let jaeger: JaegerServer;

const output = () =>
  [`--- jaeger\n${jaeger?.process.output().slice(-3000)}`, `--- serve\n${serve?.process.output().slice(-2000)}`, `--- prometheus\n${prometheus?.process.output().slice(-2000)}`].join('\n');

async function getJson(url: string): Promise<any> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function promQuery(expr: string, time?: number): Promise<any[]> {
  const params = new URLSearchParams({ query: expr, ...(time === undefined ? {} : { time: time.toFixed(3) }) });
  return (await getJson(`${prometheus.url}/api/v1/query?${params}`)).data.result;
}

/** The one value of an instant query, undefined when it has no series. */
async function promValue(expr: string): Promise<number | undefined> {
  const result = await promQuery(expr);
  if (result.length > 1) throw new Error(`${expr}: ${result.length} series`);
  return result[0] ? Number(result[0].value[1]) : undefined;
}

/** Recorded five-minute counts up to `time`: [timestamp, value] pairs. */
async function fiveMinuteSamples(metric: string, time?: number): Promise<[number, number][]> {
  const result = await promQuery(`${metric}{slo="${SLO}",window="5m"}[30d]`, time);
  return (result[0]?.values ?? []).map(([t, v]: [number, string]) => [t, Number(v)]);
}

/** Span counter series on the service's /metrics: labels and value. */
async function spanCounters(): Promise<{ name: string; labels: string; value: number }[]> {
  const text = await (await fetch(`${serve.url}/metrics`)).text();
  return [...text.matchAll(/^(burnrate_spans_(?:good_)?total)(\{[^}]*\}) (\S+)$/gm)].map(([, name, labels, value]) => ({ name: name!, labels: labels!, value: Number(value) }));
}

async function jaegerSpans(service: string): Promise<any[]> {
  const body = await getJson(`${jaeger.queryUrl}/api/traces?service=${service}&lookback=1h&limit=1000`);
  return body.data.flatMap((trace: any) => trace.spans);
}

/** Leaf paths whose values differ between two YAML documents (empty maps are no leaves). */
function changedLeaves(a: unknown, b: unknown, prefix = ''): string[] {
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isMap(a) || !isMap(b)) return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => changedLeaves(a[k] ?? {}, b[k] ?? {}, prefix ? `${prefix}.${k}` : k));
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

beforeAll(async () => {
  const generated = await runCli(['generate', 'test/e2e/jaeger-fixtures', '--out', temp.dir]);
  expect(generated.code, generated.stderr).toBe(0);
  // The whole window and the budget are recorded by the window group.
  await runRulesAtTestPace(path.join(temp.dir, 'alerts/prometheus/checkout.rules.yaml'));

  const servePort = await freePort();
  const prometheus3 = prometheusLines().find((line) => line.name === '3.x')!;
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    'rule_files:',
    `  - ${path.join(temp.dir, 'alerts/prometheus/checkout.rules.yaml')}`,
    'scrape_configs:',
    '  - job_name: burnrate',
    `    static_configs: [{ targets: ["127.0.0.1:${servePort}"] }]`,
    '',
  ].join('\n');
  prometheus = await startPrometheus(path.join(temp.dir, 'prometheus-data'), { binary: prometheus3.prometheus, config });
  serve = await startServe({
    port: servePort,
    catalog: path.join(temp.dir, 'alerts/catalog.json'),
    clusters: [{ name: 'local', url: prometheus.url }],
    dir: temp.dir,
    interval: '1s',
  });
  const ports = await freeJaegerPorts();
  jaegerConfig = localJaegerConfig(chart, ports, serve.url);
  jaeger = await startJaeger(jaegerConfig, ports, temp.dir);
}, 120_000);

afterAll(async () => {
  await jaeger?.stop();
  await serve?.stop();
  await prometheus?.stop();
  await temp.remove();
});

describe('trace SLI through Jaeger v2, burnrate serve and Prometheus 3', () => {
  it("runs Jaeger with the umbrella chart's collector config, only its endpoints moved", () => {
    expect(changedLeaves(chart, jaegerConfig)).toEqual([
      `exporters.${BURNRATE_EXPORTER}.endpoint`,
      'extensions.healthcheckv2.http.endpoint',
      'extensions.jaeger_query.grpc.endpoint',
      'extensions.jaeger_query.http.endpoint',
      'receivers.otlp.protocols.grpc.endpoint',
      'receivers.otlp.protocols.http.endpoint',
      'service.telemetry.metrics.level',
    ]);
    expect(chart.exporters[BURNRATE_EXPORTER].endpoint).toBe('http://burnrate:4318');
    expect(jaegerConfig.exporters[BURNRATE_EXPORTER].endpoint).toBe(serve.url);
  });

  it("forwards every span to burnrate serve, which counts exactly the SLO's spans", async () => {
    await sendSpans(jaeger.otlpTracesUrl, FIRST);
    const counted = async (name: string) => (await spanCounters()).find((s) => s.name === name)?.value;
    await waitFor('the first spans counted', async () => (await counted(SPAN_COUNTERS.total)) === FIRST.length, 30_000, output);
    // The mix must find the series already scraped, or its step would be the series' first value.
    await waitFor('Prometheus scraped the first spans', async () => (await promValue(`${SPAN_COUNTERS.total}{slo="${SLO}"}`)) === FIRST.length, 30_000, output);

    await sendSpans(jaeger.otlpTracesUrl, [...MIX, ...IGNORED]);
    await waitFor('the mix counted', async () => ((await counted(SPAN_COUNTERS.total)) ?? 0) >= COUNTED.total, 30_000, output);
    expect(await spanCounters()).toEqual([
      { name: SPAN_COUNTERS.total, labels: `{slo="${SLO}",route="/cart"}`, value: COUNTED.total },
      { name: SPAN_COUNTERS.good, labels: `{slo="${SLO}",route="/cart"}`, value: COUNTED.good },
    ]);
  });

  it('stored the spans itself: its query API lists both services and every span', async () => {
    const services = (await getJson(`${jaeger.queryUrl}/api/services`)).data as string[];
    expect(services).toEqual(expect.arrayContaining(['checkout', 'inventory']));
    const checkoutSpans = FIRST.length + MIX.length + IGNORED.filter((s) => s.service === 'checkout').length;
    await waitFor('Jaeger stored every checkout span', async () => (await jaegerSpans('checkout')).length >= checkoutSpans, 30_000, output);
    const stored = await jaegerSpans('checkout');
    expect(stored).toHaveLength(checkoutSpans);
    const failed = stored.filter((s) => s.tags.some((t: any) => t.key === 'otel.status_code' && t.value === 'ERROR'));
    expect(failed).toHaveLength([...FIRST, ...MIX].filter((s) => s.error).length);
    expect(await jaegerSpans('inventory')).toHaveLength(5);
  });

  it("Prometheus 3 scrapes the exact counts and the generated rules record the mix's good share", async () => {
    await waitFor('Prometheus scraped the mix', async () => (await promValue(`${SPAN_COUNTERS.total}{slo="${SLO}"}`)) === COUNTED.total, 30_000, output);
    expect(await promValue(`${SPAN_COUNTERS.good}{slo="${SLO}"}`)).toBe(COUNTED.good);
    expect(await promValue(`count(${SPAN_COUNTERS.total})`)).toBe(1);

    // Read as of 2s ago: Prometheus commits a rule group rule by rule, and every rule of that time is in.
    let at = 0;
    const recorded = async () => {
      at = Date.now() / 1000 - 2;
      return (await fiveMinuteSamples(RECORDED.totalEvents, at)).some(([, v]) => v > 0);
    };
    await waitFor('the rules recorded the mix', recorded, 30_000, output);
    const good = await fiveMinuteSamples(RECORDED.goodEvents, at);
    const total = await fiveMinuteSamples(RECORDED.totalEvents, at);
    expect(good.map(([t]) => t)).toEqual(total.map(([t]) => t));
    total.forEach(([, t], i) => {
      const g = good[i]![1];
      if (t === 0) expect(g).toBe(0);
      else {
        // Extrapolation only ever adds: at least the whole mix, and exactly its good share.
        expect(t).toBeGreaterThanOrEqual(MIX.length);
        expect(g / t).toBeCloseTo(MIX_GOOD / MIX.length, 12);
      }
    });
    const fiveMinutes = `{slo="${SLO}",window="5m"}`;
    expect(await promValue(`1 - ${RECORDED.goodEvents}${fiveMinutes} / ${RECORDED.totalEvents}${fiveMinutes}`)).toBeCloseTo(MIX_ERROR_RATIO, 12);
    // Whole window: NaN (0/0) until the mix's first recorded count, then the mix's error ratio.
    const windowRatio = () => promValue(`1 - ${RECORDED.windowGoodEvents}{slo="${SLO}"} / ${RECORDED.windowTotalEvents}{slo="${SLO}"}`);
    await waitFor('the whole-window error ratio', async () => Number.isFinite(await windowRatio()), 30_000, output);
    expect(await windowRatio()).toBeCloseTo(MIX_ERROR_RATIO, 12);
    expect(await promValue(`${RECORDED.budgetRemaining}{slo="${SLO}"}`)).toBeCloseTo(1 - MIX_ERROR_RATIO / ERROR_BUDGET, 9);
  });

  it("burnrate serve reports the SLO's budget from the recorded counts", async () => {
    // An evaluation landing while Prometheus commits a rule group reads good and total of different rule
    // evaluations. Judge each snapshot 2s after its time, when every rule of that time is committed, and
    // take the first that read exactly what Prometheus holds for its time.
    let candidate: any;
    let judged: any;
    let snapshot: any;
    const readRecordedCounts = async () => {
      if (!candidate) {
        const s = (await getJson(`${serve.url}/api/v1/slos/${SLO}`)).snapshot;
        if (s?.totalEvents > 0) candidate = s;
        return false;
      }
      const at = Date.parse(candidate.at) / 1000;
      if (Date.now() / 1000 < at + 2) return false;
      const s = (judged = candidate);
      candidate = undefined;
      const good = await fiveMinuteSamples(RECORDED.goodEvents, at);
      const total = await fiveMinuteSamples(RECORDED.totalEvents, at);
      const mean = (xs: [number, number][]) => xs.reduce((sum, [, v]) => sum + v, 0) / xs.length;
      const five = s.burnRates.find((b: any) => b.window === '5m');
      const [lastGood, lastTotal] = [good.at(-1)![1], total.at(-1)![1]];
      if (!(close(s.goodEvents, mean(good) * SLOTS) && close(s.totalEvents, mean(total) * SLOTS) && close(five?.errorRatio ?? -1, 1 - lastGood / lastTotal))) return false;
      snapshot = s;
      return true;
    };
    await waitFor('a snapshot that read the recorded counts at its time', readRecordedCounts, 30_000, () => `last snapshot judged: ${JSON.stringify(judged)}\n${output()}`);
    expect(snapshot.status).toBe('ok');
    expect(snapshot.sli).toBeCloseTo(MIX_GOOD / MIX.length, 12);
    const five = snapshot.burnRates.find((b: any) => b.window === '5m');
    expect(five.errorRatio).toBeCloseTo(MIX_ERROR_RATIO, 12);
    expect(five.burnRate).toBeCloseTo(MIX_ERROR_RATIO / ERROR_BUDGET, 10);
    expect(snapshot.budget.remainingRatio).toBeCloseTo(1 - MIX_ERROR_RATIO / ERROR_BUDGET, 9);
    expect(snapshot.clusters).toEqual([{ cluster: 'local', status: 'ok', goodEvents: snapshot.goodEvents, totalEvents: snapshot.totalEvents }]);
  });
});
