/**
 * One POST to the PagerDuty Events API v2, classified the way PagerDuty documents it: 202 accepted;
 * 400 (bad event) and other 4xx are permanent; 429 (rate limited, maybe with Retry-After), 5xx and network
 * errors are worth retrying.
 */
import { retryAfterMs } from './retry-timing.js';

export type FailureReason = 'rate_limited' | 'server_error' | 'network' | 'rejected' | 'no_routing_key';

export type SendOutcome =
  | { kind: 'sent'; status: number }
  | { kind: 'rejected'; status: number; message: string }
  | { kind: 'retry'; reason: FailureReason; message: string; retryAfterMs?: number };

/** Bodies are kept for operators, within reason. */
const MAX_BODY = 2000;

async function bodyText(response: Response): Promise<string> {
  const text = await response.text().catch((error: unknown) => `(body unreadable: ${(error as Error).message})`);
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}…` : text;
}

export async function postEvent(url: string, event: object, options: { timeoutMs: number; signal?: AbortSignal; now: () => Date }): Promise<SendOutcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(event),
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = timeout.aborted ? `no answer within ${options.timeoutMs}ms` : [(error as Error).message, cause?.code ?? cause?.message].filter(Boolean).join(': ');
    return { kind: 'retry', reason: 'network', message: `cannot reach ${url}: ${detail}` };
  }
  const status = response.status;
  if (status >= 200 && status < 300) {
    await response.body?.cancel();
    return { kind: 'sent', status };
  }
  const body = await bodyText(response);
  const message = `${status} ${response.statusText}${body ? `: ${body}` : ''}`;
  if (status === 429) {
    const wait = retryAfterMs(response.headers.get('retry-after'), options.now());
    return { kind: 'retry', reason: 'rate_limited', message, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  }
  if (status >= 400 && status < 500) return { kind: 'rejected', status, message };
  return { kind: 'retry', reason: 'server_error', message };
}
