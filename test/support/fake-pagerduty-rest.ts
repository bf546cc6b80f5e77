/**
 * A local PagerDuty REST API v2 holding Event Orchestrations and services, enforcing the documented contract:
 * `Authorization: Token token=<token>` (401), `Accept: application/vnd.pagerduty+json;version=2` (406),
 * JSON bodies on PUT (415), unknown ids and paths (404), invalid orchestration paths (400). It can be told
 * to answer 429 (with `ratelimit-reset` and `Retry-After`) or 5xx for the next requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { validatePathBody, type StoredPath } from './fake-pagerduty-paths.js';

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

export interface FakeOrchestration {
  id: string;
  name: string;
  router: StoredPath;
  global: StoredPath;
}

export interface FakePagerDutyRest {
  /** Base URL, e.g. http://127.0.0.1:41235 */
  url: string;
  requests: RecordedRequest[];
  orchestrations: Map<string, FakeOrchestration>;
  services: Map<string, { id: string; name: string }>;
  /** The next `times` requests answer `status` (429 carries the reset headers). */
  failNext(status: number, times: number, resetSeconds?: number): void;
  close(): Promise<void>;
}

export interface FakeRestOptions {
  token: string;
  orchestrations: { id: string; name: string }[];
  services: { id: string; name: string }[];
}

const ACCEPT = 'application/vnd.pagerduty+json;version=2';

function emptyPath(type: 'router' | 'global', parentId: string): StoredPath {
  return {
    type,
    parent: { id: parentId, type: 'event_orchestration_reference' },
    sets: [{ id: 'start', rules: [] }],
    catch_all: { actions: type === 'router' ? { route_to: 'unrouted' } : {} },
    version: '1',
  };
}

function send(res: http.ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const error = (message: string, code: number, errors: string[] = []) => ({ error: { message, code, errors } });

export async function startFakePagerDutyRest(options: FakeRestOptions): Promise<FakePagerDutyRest> {
  const orchestrations = new Map(options.orchestrations.map((o) => [o.id, { ...o, router: emptyPath('router', o.id), global: emptyPath('global', o.id) }]));
  const services = new Map(options.services.map((s) => [s.id, s]));
  const requests: RecordedRequest[] = [];
  const failures: { status: number; resetSeconds: number }[] = [];
  let nextRuleId = 1;

  function handle(method: string, path: string, body: string): [number, object, Record<string, string>?] {
    const failure = failures.shift();
    if (failure?.status === 429) {
      const reset = String(failure.resetSeconds);
      return [429, error('Rate Limit Exceeded', 2020), { 'ratelimit-reset': reset, 'retry-after': reset }];
    }
    if (failure) return [failure.status, error('Internal Server Error', 0)];
    const service = /^\/services\/([^/]+)$/.exec(path);
    if (service && method === 'GET') {
      const found = services.get(decodeURIComponent(service[1] ?? ''));
      return found ? [200, { service: { ...found, type: 'service' } }] : [404, error('Not Found', 2100)];
    }
    const match = /^\/event_orchestrations\/([^/]+)(?:\/(router|global))?$/.exec(path);
    if (!match) return [404, error('Not Found', 2100)];
    const orchestration = orchestrations.get(decodeURIComponent(match[1] ?? ''));
    if (!orchestration) return [404, error('Not Found', 2100)];
    const which = match[2] as 'router' | 'global' | undefined;
    if (!which) return method === 'GET' ? [200, { orchestration: { id: orchestration.id, name: orchestration.name } }] : [405, error('Method Not Allowed', 2000)];
    if (method === 'GET') return [200, { orchestration_path: orchestration[which] }];
    if (method !== 'PUT') return [405, error('Method Not Allowed', 2000)];
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return [400, error('Invalid Input Provided', 2001, ['Request body is not valid JSON'])];
    }
    const result = validatePathBody(which, parsed, new Set(services.keys()), () => (nextRuleId++).toString(16).padStart(8, '0'));
    if ('errors' in result) return [400, error('Invalid Input Provided', 2001, result.errors)];
    const version = String(Number(orchestration[which].version) + 1);
    orchestration[which] = { ...orchestration[which], sets: result.sets, catch_all: result.catch_all, version };
    return [200, { orchestration_path: orchestration[which] }];
  }

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const answer = (status: number, payload: object, headers?: Record<string, string>) => {
        requests.push({ method, path, status });
        send(res, status, payload, headers);
      };
      if (req.headers.authorization !== `Token token=${options.token}`) return answer(401, error('Unauthorized', 2006, ['Invalid or missing API token']));
      if (!(req.headers.accept ?? '').includes(ACCEPT)) return answer(406, error('Not Acceptable', 2001, [`Accept must be ${ACCEPT}`]));
      if ((method === 'PUT' || method === 'POST') && !(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return answer(415, error('Unsupported Media Type', 2001, ['Content-Type must be application/json']));
      }
      const [status, payload, headers] = handle(method, path, body);
      answer(status, payload, headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    orchestrations,
    services,
    failNext: (status, times, resetSeconds = 1) => {
      for (let i = 0; i < times; i += 1) failures.push({ status, resetSeconds });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
