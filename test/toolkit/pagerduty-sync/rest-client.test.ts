/**
 * The REST client's failure handling against the fake API: 429 and 5xx are retried (waiting for
 * ratelimit-reset), 401 and 404 fail at once with a clear message; and the CLI maps failures to exit 1.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRestClient, PagerDutyApiError, type RestClientOptions } from '../../../src/toolkit/pagerduty-sync/rest-client.js';
import { ORCHESTRATION, startAccount, TOKEN, type Account } from './account.js';

let account: Account;
let log: string[];
beforeEach(async () => {
  account = await startAccount();
  log = [];
});
afterEach(async () => {
  await account.close();
});

function client(overrides: Partial<RestClientOptions> = {}) {
  return createRestClient({
    token: TOKEN,
    baseUrl: account.fake.url,
    retries: 3,
    minDelayMs: 5,
    maxDelayMs: 2000,
    timeoutMs: 10_000,
    log: (line) => log.push(line),
    ...overrides,
  });
}

const routerUrl = `/event_orchestrations/${ORCHESTRATION}/router`;
const statuses = () => account.fake.requests.map((r) => r.status);

describe('PagerDuty REST client', () => {
  it('sends the documented Authorization and Accept headers and returns the body', async () => {
    const data = (await client().get(routerUrl)) as { orchestration_path: { type: string } };
    expect(data.orchestration_path.type).toBe('router');
    expect(statuses()).toEqual([200]);
  });

  it('fails at once on 401 with a message naming the token', async () => {
    const error = await client({ token: 'wrong' }).get(routerUrl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PagerDutyApiError);
    expect((error as PagerDutyApiError).status).toBe(401);
    expect((error as Error).message).toContain('PagerDuty rejected the API token (401 Unauthorized)');
    expect((error as Error).message).toContain('Invalid or missing API token');
    expect(statuses()).toEqual([401]);
  });

  it('fails at once on 404 naming the request', async () => {
    const error = await client().get('/event_orchestrations/ENOPE00/router').catch((e: unknown) => e);
    expect((error as PagerDutyApiError).status).toBe(404);
    expect((error as Error).message).toContain('Not found: GET /event_orchestrations/ENOPE00/router (404)');
    expect(statuses()).toEqual([404]);
  });

  it('retries 5xx with backoff and succeeds', async () => {
    account.fake.failNext(503, 2);
    const data = (await client().get(routerUrl)) as { orchestration_path: unknown };
    expect(data.orchestration_path).toBeDefined();
    expect(statuses()).toEqual([503, 503, 200]);
    expect(log[0]).toContain('PagerDuty answered 503');
    expect(log[0]).toContain('retrying (3 retries left)');
  });

  it('gives up on a persistent 5xx after the configured retries with a clear error', async () => {
    account.fake.failNext(500, 50);
    const error = await client({ retries: 2 }).put(routerUrl, { orchestration_path: {} }).catch((e: unknown) => e);
    expect((error as PagerDutyApiError).status).toBe(500);
    expect((error as Error).message).toBe(`PagerDuty answered 500 Internal Server Error on PUT ${routerUrl}: Internal Server Error; gave up after 3 attempts`);
    expect(statuses()).toEqual([500, 500, 500]);
  });

  it('retries 429 and succeeds', async () => {
    account.fake.failNext(429, 1);
    await client().get(routerUrl);
    expect(statuses()).toEqual([429, 200]);
  });

  it('keeps retrying a 429 after pdjs gives up, waiting for ratelimit-reset', async () => {
    // pdjs retries a 429 three times itself; the fifth 429 reaches Burnrate's retry.
    account.fake.failNext(429, 5, 1);
    await client().get(routerUrl);
    expect(statuses()).toEqual([429, 429, 429, 429, 429, 200]);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(`PagerDuty rate-limited GET ${routerUrl} (429): Rate Limit Exceeded`);
  });
});

describe('burnrate pagerduty failures', () => {
  it('exits 2 without a token, and reads one from --token-file', async () => {
    const missing = await account.cli(['plan'], { token: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no PagerDuty API token: set PAGERDUTY_TOKEN or pass --token-file <file>');
    expect(account.fake.requests).toEqual([]);
    const file = path.join(account.dir, 'token');
    await writeFile(file, `${TOKEN}\n`);
    const fromFile = await account.cli(['plan', '--token-file', file], { token: '' });
    expect(fromFile.stderr).toBe('');
    expect(fromFile.code).toBe(0);
  });

  it('exits 1 with the reason when the token is rejected, and sends nothing else', async () => {
    const result = await account.cli(['apply'], { token: 'not-the-token' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PagerDuty rejected the API token (401 Unauthorized) on GET /event_orchestrations/E1BURN2');
    expect(account.fake.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('exits 1 when PagerDuty keeps failing', async () => {
    account.fake.failNext(502, 100);
    const result = await account.cli(['plan', '--retries', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PagerDuty answered 502');
    expect(result.stderr).toContain('gave up after 2 attempts');
    expect(result.stdout).toBe('');
  });

  it('exits 1 naming the team when a mapped PagerDuty service does not exist', async () => {
    const mapping = `${account.mappingFile}.bad`;
    await writeFile(mapping, `orchestration: ${ORCHESTRATION}\nteams:\n  payments: PGONE99\n  discovery: PDISCVR\n  web: PWEBSHP\n`);
    const result = await account.cli(['plan'], { mapping });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PagerDuty service PGONE99 (mapped for payments) cannot be read: Not found: GET /services/PGONE99 (404)');
  });

  it('exits 1 listing teams the mapping lacks, before calling PagerDuty', async () => {
    const mapping = `${account.mappingFile}.partial`;
    await writeFile(mapping, `orchestration: ${ORCHESTRATION}\nteams:\n  payments: PPAYMNT\n`);
    const result = await account.cli(['plan'], { mapping });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('team "discovery" (service search, e.g. SLO search-query-latency): add teams.discovery or services.search');
    expect(result.stderr).toContain('team "web"');
    expect(account.fake.requests).toEqual([]);
  });
});
