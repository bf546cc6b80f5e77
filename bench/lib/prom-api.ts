/** The few Prometheus HTTP API calls the benchmarks need. Timestamps are unix seconds. */

export interface Series {
  metric: Record<string, string>;
  values: Array<[number, number]>;
}

async function call(url: string, path: string, params: Record<string, string>): Promise<any> {
  const response = await fetch(`${url}${path}`, { method: 'POST', body: new URLSearchParams(params) });
  const body = (await response.json()) as { status: string; data: any; error?: string };
  if (body.status !== 'success') throw new Error(`${path} failed: ${body.error ?? response.status}\n${params.query ?? ''}`);
  return body.data;
}

/** Largest number of steps Prometheus answers in one range query. */
const MAX_STEPS = 10_000;

/** A range query split into chunks Prometheus accepts; series merged by their labels. */
export async function queryRange(url: string, query: string, start: number, end: number, stepSeconds: number): Promise<Series[]> {
  const merged = new Map<string, Series>();
  for (let from = start; from <= end; from += MAX_STEPS * stepSeconds) {
    const to = Math.min(end, from + (MAX_STEPS - 1) * stepSeconds);
    const data = await call(url, '/api/v1/query_range', { query, start: String(from), end: String(to), step: String(stepSeconds) });
    for (const s of data.result as Array<{ metric: Record<string, string>; values: Array<[number, string]> }>) {
      const key = JSON.stringify(Object.entries(s.metric).sort());
      const series = merged.get(key) ?? { metric: s.metric, values: [] };
      for (const [t, v] of s.values) series.values.push([t, Number(v)]);
      merged.set(key, series);
    }
  }
  return [...merged.values()];
}

export async function queryInstant(url: string, query: string, time: number): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  const data = await call(url, '/api/v1/query', { query, time: String(time) });
  return (data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map((s) => ({ metric: s.metric, value: Number(s.value[1]) }));
}
