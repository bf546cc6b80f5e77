/**
 * Reads an instant-query answer of the Prometheus HTTP API, or the error a cluster sent instead. Errors name
 * the cluster; those that asking again cannot fix are wrapped in p-retry's AbortError.
 */
import { AbortError } from 'p-retry';
import { QueryError } from './query-error.js';

export interface VectorSample {
  labels: Record<string, string>;
  value: number;
}

/** A 200 answer: its samples, and the warnings it carried (Thanos: a partial response). */
export interface QueryAnswer {
  samples: VectorSample[];
  warnings: string[];
}

interface ApiResponse {
  status?: unknown;
  warnings?: unknown;
  error?: unknown;
  errorType?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

interface RawSample {
  metric?: unknown;
  value?: unknown[];
}

function parseJson(text: string): ApiResponse | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as ApiResponse) : undefined;
  } catch {
    return undefined;
  }
}

/** The error of a non-200 answer, with Prometheus' own error text when the body carries one. */
export function statusError(cluster: string, status: number, body: string): Error {
  const parsed = parseJson(body);
  const detail = typeof parsed?.error === 'string' ? parsed.error : body;
  const error = new QueryError(cluster, `HTTP ${status}`, { status, upstream: detail });
  // A rejected query (4xx other than 429) will not get better by asking again.
  return status >= 400 && status < 500 && status !== 429 ? new AbortError(error) : error;
}

/** The samples of a 200 answer. A garbled body may be a one-off (retried); another result type is not. */
export function samplesOf(cluster: string, body: string): VectorSample[] {
  return answerOf(cluster, body).samples;
}

/**
 * Samples and warnings of a 200 answer. A warning means the answer may be incomplete (Thanos Query with
 * partial response: a store did not answer), so the caller must not take the samples as the whole count.
 */
export function answerOf(cluster: string, body: string): QueryAnswer {
  const parsed = parseJson(body);
  if (parsed === undefined) throw new QueryError(cluster, 'answer is not JSON', { upstream: body });
  if (parsed.status !== 'success') {
    const type = typeof parsed.errorType === 'string' ? ` (${parsed.errorType})` : '';
    throw new QueryError(cluster, `query failed${type}`, { upstream: parsed.error ?? 'no error text' });
  }
  const { resultType, result } = parsed.data ?? {};
  if (resultType !== 'vector' || !Array.isArray(result)) {
    throw new AbortError(new QueryError(cluster, 'expected a vector result', { upstream: `got ${JSON.stringify(resultType) ?? 'nothing'}` }));
  }
  const samples: VectorSample[] = [];
  for (const item of result as RawSample[]) {
    const value = Number(item?.value?.[1]);
    const labels = item?.metric;
    // NaN comes from 0/0 in rules; an absent count is not zero, so drop it.
    if (Number.isFinite(value) && typeof labels === 'object' && labels !== null) samples.push({ labels: labels as Record<string, string>, value });
  }
  const warnings = Array.isArray(parsed.warnings) ? parsed.warnings.map((w) => (typeof w === 'string' ? w : JSON.stringify(w))) : [];
  return { samples, warnings };
}
