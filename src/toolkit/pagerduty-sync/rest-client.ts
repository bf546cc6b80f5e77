/**
 * The PagerDuty REST API v2 through @pagerduty/pdjs, with the retry policy PagerDuty documents: 429 and 5xx
 * (and network errors) are retried with exponential backoff, waiting at least `ratelimit-reset` /
 * `Retry-After`; 401, 403, 404 and other 4xx fail at once with the API's own message.
 */
import { api } from '@pagerduty/pdjs';
import pRetry, { AbortError } from 'p-retry';

export interface RestClientOptions {
  token: string;
  /** e.g. https://api.pagerduty.com (or a local fake in tests). */
  baseUrl: string;
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff; doubles on each retry. pdjs also waits this long before its own 429 retries. */
  minDelayMs: number;
  /** Longest single wait, also the cap on a server-requested wait. */
  maxDelayMs: number;
  timeoutMs: number;
  log: (line: string) => void;
}

export interface PagerDutyRest {
  get(path: string): Promise<unknown>;
  put(path: string, body: object): Promise<unknown>;
}

export class PagerDutyApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

class RetryableError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly waitMs: number,
  ) {
    super(message);
  }
}

interface PdResponse {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  data?: unknown;
}

function isResponse(value: unknown): value is PdResponse {
  return typeof value === 'object' && value !== null && typeof (value as PdResponse).status === 'number' && 'headers' in value;
}

/** The API's own words: `{ error: { message, errors: [...] } }`. */
function apiMessage(data: unknown): string {
  const error = (data as { error?: { message?: unknown; errors?: unknown } } | undefined)?.error;
  if (!error) return '';
  const details = Array.isArray(error.errors) ? error.errors.filter((e) => typeof e === 'string') : [];
  return [typeof error.message === 'string' ? error.message : '', ...details].filter(Boolean).join('; ');
}

function serverWaitMs(response: PdResponse, capMs: number): number {
  const seconds = Number(response.headers.get('ratelimit-reset') ?? response.headers.get('retry-after') ?? '0');
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, capMs) : 0;
}

function failure(method: string, path: string, response: PdResponse, capMs: number): Error {
  const what = `${method} ${path}`;
  const said = apiMessage(response.data);
  const suffix = said ? `: ${said}` : '';
  const status = response.status;
  if (status === 429) return new RetryableError(`PagerDuty rate-limited ${what} (429)${suffix}`, status, serverWaitMs(response, capMs));
  if (status >= 500) return new RetryableError(`PagerDuty answered ${status} ${response.statusText} on ${what}${suffix}`, status, 0);
  if (status === 401) return new PagerDutyApiError(`PagerDuty rejected the API token (401 Unauthorized) on ${what}${suffix}; check PAGERDUTY_TOKEN or --token-file`, status);
  if (status === 403) return new PagerDutyApiError(`The API token may not do ${what} (403 Forbidden)${suffix}; it needs write access to Event Orchestrations`, status);
  if (status === 404) return new PagerDutyApiError(`Not found: ${what} (404)${suffix}; check the ids in the PagerDuty mapping`, status);
  return new PagerDutyApiError(`PagerDuty refused ${what} (${status} ${response.statusText})${suffix}`, status);
}

export function createRestClient(options: RestClientOptions): PagerDutyRest {
  const pd = api({ token: options.token });
  const base = options.baseUrl.replace(/\/+$/, '');

  async function attempt(method: 'GET' | 'PUT', path: string, body?: object): Promise<unknown> {
    const outcome: unknown = await pd({
      method,
      url: `${base}${path}`,
      ...(body ? { data: body } : {}),
      // pdjs retries a 429 itself (three times, waiting retryTimeout); requestTimeout 0 drops its idle timer.
      retryTimeout: options.minDelayMs,
      requestTimeout: 0,
      signal: AbortSignal.timeout(options.timeoutMs),
    }).then(
      (response) => response,
      (error: unknown) => error,
    );
    // pdjs rejects with the response itself when the body is not JSON (e.g. a proxy's 502 page).
    if (!isResponse(outcome)) {
      const reason = outcome instanceof Error ? outcome.message : String(outcome);
      throw new RetryableError(`Cannot reach PagerDuty for ${method} ${path}: ${reason}`, undefined, 0);
    }
    if (outcome.status >= 200 && outcome.status < 300) return outcome.data;
    const error = failure(method, path, outcome, options.maxDelayMs);
    throw error instanceof RetryableError ? error : new AbortError(error);
  }

  async function call(method: 'GET' | 'PUT', path: string, body?: object): Promise<unknown> {
    try {
      return await pRetry(() => attempt(method, path, body), {
        retries: options.retries,
        minTimeout: options.minDelayMs,
        maxTimeout: options.maxDelayMs,
        factor: 2,
        onFailedAttempt: async (error) => {
          if (error.retriesLeft === 0) return;
          options.log(`${error.message}; retrying (${error.retriesLeft} ${error.retriesLeft === 1 ? 'retry' : 'retries'} left)`);
          if (error instanceof RetryableError && error.waitMs > 0) await new Promise((r) => setTimeout(r, error.waitMs));
        },
      });
    } catch (error) {
      if (error instanceof RetryableError) {
        throw new PagerDutyApiError(`${error.message}; gave up after ${options.retries + 1} attempts`, error.status);
      }
      throw error;
    }
  }

  return {
    get: (path) => call('GET', path),
    put: (path, body) => call('PUT', path, body),
  };
}
