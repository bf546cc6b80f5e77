/**
 * A local PagerDuty Events API v2 (POST /v2/enqueue) that enforces the documented contract
 * (PagerDuty/api-schema reference/events-v2): JSON body, 32-character routing_key, event_action
 * trigger|acknowledge|resolve, dedup_key required except on trigger, and on trigger a payload with
 * summary, source and severity critical|error|warning|info. 202 {status, message, dedup_key}; 400 otherwise.
 * Tests can inject PagerDuty's failure answers (429 with Retry-After, 500, ...) ahead of the contract checks.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PagerDutyEvent {
  routing_key: string;
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    timestamp?: string;
    component?: string;
    group?: string;
    class?: string;
    custom_details?: Record<string, unknown>;
  };
  links?: { href: string; text?: string }[];
  client?: string;
  client_url?: string;
}

/** An answer the fake gives instead of processing the request, as PagerDuty does when rate-limiting or failing. */
export interface InjectedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakePagerDutyEvents {
  /** The enqueue URL, e.g. http://127.0.0.1:41234/v2/enqueue. */
  url: string;
  /** Accepted events in arrival order. */
  events: PagerDutyEvent[];
  /** Rejected requests with the errors returned. */
  rejected: { body: string; errors: string[] }[];
  /** Every request to /v2/enqueue in arrival order, with the status it got (injected answers included). */
  requests: { status: number; body: string }[];
  /** Answers the next `times` requests (Infinity: until cleared) with `response`; queued after earlier injections. */
  inject(response: InjectedResponse, times?: number): void;
  /** Drops pending injections: the fake accepts valid events again. */
  clearInjections(): void;
  close(): Promise<void>;
}

const SEVERITIES = ['critical', 'error', 'warning', 'info'];
const ACTIONS = ['trigger', 'acknowledge', 'resolve'];

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

/** The documented checks; returns the list of problems, empty when the event is valid. */
export function eventProblems(event: unknown): string[] {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return ['Event object is not a JSON object'];
  const e = event as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof e.routing_key !== 'string' || e.routing_key.length !== 32) problems.push('routing_key must be a 32 character integration key');
  if (!ACTIONS.includes(e.event_action as string)) problems.push("event_action must be one of 'trigger', 'acknowledge' or 'resolve'");
  if (e.dedup_key !== undefined && !isText(e.dedup_key, 255)) problems.push('dedup_key must be a non-empty string of at most 255 characters');
  if (e.event_action !== 'trigger' && e.dedup_key === undefined) problems.push('dedup_key is required for acknowledge and resolve');
  if (e.event_action === 'trigger') {
    const p = e.payload as Record<string, unknown> | undefined;
    if (typeof p !== 'object' || p === null) problems.push('payload is required for trigger');
    else {
      if (!isText(p.summary, 1024)) problems.push('payload.summary must be a non-empty string of at most 1024 characters');
      if (!isText(p.source, 255)) problems.push('payload.source must be a non-empty string');
      if (!SEVERITIES.includes(p.severity as string)) problems.push("payload.severity must be one of 'critical', 'error', 'warning' or 'info'");
      if (p.timestamp !== undefined && Number.isNaN(Date.parse(String(p.timestamp)))) problems.push('payload.timestamp must be an ISO 8601 date');
      const details = p.custom_details;
      if (details !== undefined && (typeof details !== 'object' || details === null || Array.isArray(details))) problems.push('payload.custom_details must be an object');
    }
  }
  for (const list of ['links', 'images'] as const) {
    if (e[list] !== undefined && !Array.isArray(e[list])) problems.push(`${list} must be an array`);
  }
  return problems;
}

function reply(res: http.ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakePagerDutyEvents(): Promise<FakePagerDutyEvents> {
  const events: PagerDutyEvent[] = [];
  const rejected: FakePagerDutyEvents['rejected'] = [];
  const requests: FakePagerDutyEvents['requests'] = [];
  const injections: { response: InjectedResponse; left: number }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v2/enqueue') return reply(res, 404, { status: 'Not found', message: `no route ${req.method} ${req.url}` });
      const injected = injections[0];
      if (injected) {
        if (--injected.left <= 0) injections.shift();
        const { status, headers = {}, body: answer = { status: 'error', message: `injected ${status}` } } = injected.response;
        requests.push({ status, body });
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        return res.end(JSON.stringify(answer));
      }
      const invalid = (errors: string[]) => {
        rejected.push({ body, errors });
        requests.push({ status: 400, body });
        reply(res, 400, { status: 'invalid event', message: 'Event object is invalid', errors });
      };
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return invalid(['Content-Type must be application/json']);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return invalid(['JSON parse error']);
      }
      const problems = eventProblems(parsed);
      if (problems.length > 0) return invalid(problems);
      const event = parsed as PagerDutyEvent;
      const dedupKey = event.dedup_key ?? randomBytes(16).toString('hex');
      events.push({ ...event, dedup_key: dedupKey });
      requests.push({ status: 202, body });
      reply(res, 202, { status: 'success', message: 'Event processed', dedup_key: dedupKey });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2/enqueue`,
    events,
    rejected,
    requests,
    inject(response, times = 1) {
      if (times > 0) injections.push({ response, left: times });
    },
    clearInjections() {
      injections.splice(0);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
