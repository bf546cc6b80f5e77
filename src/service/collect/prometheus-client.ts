/**
 * Client of one cluster's Prometheus HTTP API (Prometheus, Thanos Query or Mimir; the base URL carries any
 * path prefix). Instant queries only, sent as POST forms so long `slo=~"a|b|…"` batches fit.
 */
import { readFile } from 'node:fs/promises';
import pRetry, { AbortError } from 'p-retry';
import { Agent, request } from 'undici';
import type { ClusterConfig } from '../config/config-schema.js';

export interface VectorSample {
  labels: Record<string, string>;
  value: number;
}

export class QueryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface ApiResponse {
  status: 'success' | 'error';
  error?: string;
  errorType?: string;
  data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

export interface QueryOptions {
  retries: number;
  /** Aborts retries and requests in flight, e.g. when the cluster already failed. */
  signal?: AbortSignal;
  /** Base backoff between retries (doubled each time). */
  minBackoffMs?: number;
}

export class PrometheusClient {
  readonly #agent: Agent;
  readonly #endpoint: string;

  private constructor(
    readonly cluster: ClusterConfig,
    ca: string | undefined,
  ) {
    this.#agent = new Agent({ connections: 16, keepAliveTimeout: 30_000, connect: ca ? { ca } : {} });
    this.#endpoint = `${cluster.url.replace(/\/+$/, '')}/api/v1/query`;
  }

  static async create(cluster: ClusterConfig): Promise<PrometheusClient> {
    const ca = cluster.tlsCaFile ? await readFile(cluster.tlsCaFile, 'utf8') : undefined;
    return new PrometheusClient(cluster, ca);
  }

  /** Evaluates `expr` at `at`; retries network errors, timeouts, 429 and 5xx with exponential backoff. */
  query(expr: string, at: Date, options: QueryOptions): Promise<VectorSample[]> {
    return pRetry(() => this.#once(expr, at, options.signal), {
      retries: options.retries,
      minTimeout: options.minBackoffMs ?? 200,
      factor: 2,
      randomize: true,
      signal: options.signal,
    });
  }

  close(): Promise<void> {
    return this.#agent.close();
  }

  async #headers(): Promise<Record<string, string>> {
    const headers: Record<string, string> = { ...this.cluster.headers, 'content-type': 'application/x-www-form-urlencoded' };
    // Read on every query: mounted service-account tokens rotate.
    if (this.cluster.bearerTokenFile) headers.authorization = `Bearer ${(await readFile(this.cluster.bearerTokenFile, 'utf8')).trim()}`;
    return headers;
  }

  async #once(expr: string, at: Date, signal: AbortSignal | undefined): Promise<VectorSample[]> {
    const timeout = AbortSignal.timeout(this.cluster.timeoutMs);
    const body = new URLSearchParams({ query: expr, time: (at.getTime() / 1000).toFixed(3), timeout: `${this.cluster.timeoutMs}ms` });
    let response;
    try {
      response = await request(this.#endpoint, {
        method: 'POST',
        headers: await this.#headers(),
        body: body.toString(),
        dispatcher: this.#agent,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new AbortError(`aborted: ${String(signal.reason)}`);
      const reason = timeout.aborted ? `timed out after ${this.cluster.timeoutMs}ms` : (error as Error).message;
      throw new QueryError(`${this.cluster.name}: ${reason}`);
    }
    const text = await response.body.text();
    let parsed: ApiResponse | undefined;
    try {
      parsed = JSON.parse(text) as ApiResponse;
    } catch {
      parsed = undefined;
    }
    if (response.statusCode !== 200 || parsed?.status !== 'success') {
      const detail = parsed?.error ?? text.slice(0, 200);
      const error = new QueryError(`${this.cluster.name}: HTTP ${response.statusCode}: ${detail}`, response.statusCode);
      // A rejected query (4xx other than 429) will not get better by asking again.
      if (response.statusCode >= 400 && response.statusCode < 500 && response.statusCode !== 429) throw new AbortError(error);
      throw error;
    }
    if (parsed.data?.resultType !== 'vector') throw new AbortError(`${this.cluster.name}: expected a vector, got ${parsed.data?.resultType}`);
    const samples: VectorSample[] = [];
    for (const item of parsed.data.result) {
      const value = Number(item.value[1]);
      // NaN comes from 0/0 in rules; an absent count is not zero, so drop it.
      if (Number.isFinite(value)) samples.push({ labels: item.metric, value });
    }
    return samples;
  }
}
