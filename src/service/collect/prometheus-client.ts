/**
 * Client of one cluster's Prometheus HTTP API (Prometheus, Thanos Query or Mimir; the base URL carries any
 * path prefix). Instant queries only, sent as POST forms so long `slo=~"a|b|…"` batches fit. Every query is
 * bounded: a timeout per attempt, a cap on the answer's size, the caller's signal (evaluation deadline,
 * shutdown), and `close()`, which drops whatever is in flight.
 */
import { readFile } from 'node:fs/promises';
import pRetry, { AbortError } from 'p-retry';
import { Agent, request } from 'undici';
import { DEFAULT_MAX_RESPONSE_BYTES, type ClusterConfig } from '../config/config-schema.js';
import { linkAbort, StopReason, stopReasonOf } from './abort.js';
import { answerOf, statusError, type QueryAnswer, type VectorSample } from './query-answer.js';
import { QueryError } from './query-error.js';
import { formatBytes, readCappedBody } from './read-capped-body.js';

export { QueryError } from './query-error.js';
export type { QueryAnswer, VectorSample } from './query-answer.js';

export interface QueryOptions {
  retries: number;
  /** Aborts retries and requests in flight: the evaluation deadline, shutdown, or an earlier failure. */
  signal?: AbortSignal;
  /** Base backoff between retries (doubled each time). */
  minBackoffMs?: number;
}

/** A cluster's config; the size cap may be left out by callers that do not go through the schema. */
export type ClientConfig = Omit<ClusterConfig, 'maxResponseBytes'> & { maxResponseBytes?: number };

/** An error page only needs its first words; the cap is for answers. */
const ERROR_BODY_BYTES = 64 * 1024;

export class PrometheusClient {
  readonly #agent: Agent;
  readonly #endpoint: string;
  readonly #maxBytes: number;
  /** Aborted by close(): every request in flight and every later one ends at once. */
  readonly #closed = new AbortController();
  #destroyed: Promise<void> | undefined;

  private constructor(
    readonly cluster: ClientConfig,
    ca: string | undefined,
  ) {
    this.#agent = new Agent({ connections: 16, keepAliveTimeout: 30_000, connect: ca ? { ca } : {} });
    this.#endpoint = `${cluster.url.replace(/\/+$/, '')}/api/v1/query`;
    this.#maxBytes = cluster.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  static async create(cluster: ClientConfig): Promise<PrometheusClient> {
    const ca = cluster.tlsCaFile ? await readFile(cluster.tlsCaFile, 'utf8') : undefined;
    return new PrometheusClient(cluster, ca);
  }

  /**
   * Evaluates `expr` at `at`; retries network errors, timeouts, 429, 5xx and garbled answers with exponential
   * backoff until `options.signal` aborts. Always rejects with a QueryError naming the cluster.
   */
  async query(expr: string, at: Date, options: QueryOptions): Promise<VectorSample[]> {
    return (await this.queryAnswer(expr, at, options)).samples;
  }

  /** Like `query`, with the answer's warnings (Thanos partial responses), which the collector must not ignore. */
  async queryAnswer(expr: string, at: Date, options: QueryOptions): Promise<QueryAnswer> {
    try {
      return await pRetry(() => this.#once(expr, at, options.signal), {
        retries: options.retries,
        minTimeout: options.minBackoffMs ?? 200,
        factor: 2,
        randomize: true,
        signal: options.signal,
      });
    } catch (error) {
      // p-retry rejects with the bare signal reason when the signal aborts between attempts.
      if (error instanceof QueryError) throw error;
      const reason = stopReasonOf(options.signal) ?? stopReasonOf(this.#closed.signal);
      throw reason ? new QueryError(this.cluster.name, reason.message) : new QueryError(this.cluster.name, 'query failed', { upstream: (error as Error).message });
    }
  }

  /**
   * The `data` of a GET on another API path (`/api/v1/status/config`), with the cluster's headers, one attempt
   * bounded by `timeoutMs` and the error-page cap. Rejects on anything but a 200 `success` answer.
   */
  async getData(path: string): Promise<unknown> {
    const attempt = linkAbort([this.#closed.signal], { ms: this.cluster.timeoutMs, reason: () => new StopReason('timeout', `timed out after ${this.cluster.timeoutMs}ms`) });
    try {
      const url = `${this.cluster.url.replace(/\/+$/, '')}${path}`;
      const response = await request(url, { method: 'GET', headers: await this.#headers(), dispatcher: this.#agent, signal: attempt.signal });
      const { text } = await readCappedBody(response.body, ERROR_BODY_BYTES * 16);
      if (response.statusCode !== 200) throw statusError(this.cluster.name, response.statusCode, text);
      const parsed = JSON.parse(text) as { status?: unknown; data?: unknown };
      if (parsed.status !== 'success') throw new QueryError(this.cluster.name, `${path}: not a success answer`);
      return parsed.data;
    } finally {
      attempt.dispose();
    }
  }

  /** Ends every request in flight without waiting for an answer, then drops the connections; idempotent. */
  close(): Promise<void> {
    if (!this.#closed.signal.aborted) {
      this.#closed.abort(new StopReason('closed', 'client closed: the service is shutting down'));
      this.#destroyed = this.#agent.destroy();
    }
    return this.#destroyed ?? Promise.resolve();
  }

  async #headers(): Promise<Record<string, string>> {
    const headers: Record<string, string> = { ...this.cluster.headers, 'content-type': 'application/x-www-form-urlencoded' };
    if (!this.cluster.bearerTokenFile) return headers;
    let token: string;
    try {
      // Read on every query: mounted service-account tokens rotate.
      token = await readFile(this.cluster.bearerTokenFile, 'utf8');
    } catch (error) {
      // The path stays out of the message: errors reach the public API.
      const code = (error as NodeJS.ErrnoException).code;
      throw new QueryError(this.cluster.name, `cannot read the bearer token file${code ? ` (${code})` : ''}`);
    }
    headers.authorization = `Bearer ${token.trim()}`;
    return headers;
  }

  async #once(expr: string, at: Date, signal: AbortSignal | undefined): Promise<QueryAnswer> {
    const { name, timeoutMs } = this.cluster;
    const attempt = linkAbort([signal, this.#closed.signal], { ms: timeoutMs, reason: () => new StopReason('timeout', `timed out after ${timeoutMs}ms`) });
    try {
      const body = new URLSearchParams({ query: expr, time: (at.getTime() / 1000).toFixed(3), timeout: `${timeoutMs}ms` });
      const response = await request(this.#endpoint, {
        method: 'POST',
        headers: await this.#headers(),
        body: body.toString(),
        dispatcher: this.#agent,
        signal: attempt.signal,
      });
      if (response.statusCode !== 200) {
        const { text } = await readCappedBody(response.body, ERROR_BODY_BYTES);
        throw statusError(name, response.statusCode, text);
      }
      const declared = Number(response.headers['content-length']);
      const { text, complete } = declared > this.#maxBytes ? { text: '', complete: false } : await readCappedBody(response.body, this.#maxBytes, { partial: false });
      if (!complete) {
        // Aborting closes the connection: the rest of the answer is never received.
        const tooLarge = new StopReason('too-large', `response larger than the ${formatBytes(this.#maxBytes)} cap (maxResponseBytes): stopped reading it`);
        attempt.abort(tooLarge);
        throw tooLarge;
      }
      return answerOf(name, text);
    } catch (error) {
      throw this.#classify(error, attempt.signal);
    } finally {
      attempt.dispose();
    }
  }

  /** Turns whatever ended an attempt into a QueryError; AbortError-wrapped when asking again cannot help. */
  #classify(error: unknown, signal: AbortSignal): Error {
    if (error instanceof AbortError || error instanceof QueryError) return error;
    const reason = stopReasonOf(signal);
    if (reason) {
      const named = new QueryError(this.cluster.name, reason.message);
      // A slow attempt may be luckier next time; a deadline, shutdown or oversized answer will not.
      return reason.kind === 'timeout' ? named : new AbortError(named);
    }
    return new QueryError(this.cluster.name, 'request failed', { upstream: describeNetworkError(error) });
  }
}

/** "connect ECONNREFUSED 127.0.0.1:9090", also when Node reports several addresses at once (AggregateError). */
function describeNetworkError(error: unknown): string {
  const err = error as NodeJS.ErrnoException & { errors?: unknown[] };
  const inner = Array.isArray(err.errors) ? err.errors.map((e) => (e as Error).message).filter(Boolean) : [];
  const message = String(err.message || inner.join('; ') || 'unknown error');
  return err.code && !message.includes(err.code) ? `${message} (${err.code})` : message;
}
