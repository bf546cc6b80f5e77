/**
 * Every way a query can fail, against real HTTP servers on 127.0.0.1: the error starts with the cluster's
 * name, and what the cluster sent (NUL bytes, escape codes, a 1 MB HTML page, file paths) comes out as one
 * short line of plain text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/service/collect/collector.js';
import { PrometheusClient, QueryError, type ClientConfig } from '../../../src/service/collect/prometheus-client.js';
import type { Slo } from '../../../src/core/model/slo.js';
import { freePort } from '../../support/ports.js';
import { catalogOf } from '../support/test-catalog.js';
import { answer, endlessVector, hang, settlesWithin, startCluster } from './misbehaving-cluster.js';

const at = new Date();
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function failure(handler: Parameters<typeof startCluster>[0] | 'closed port', config: Partial<ClientConfig> = {}): Promise<string> {
  let url: string;
  if (handler === 'closed port') url = `http://127.0.0.1:${await freePort()}`;
  else {
    const server = await startCluster(handler);
    open.push(server);
    url = server.url;
  }
  const client = await PrometheusClient.create({ name: 'eu-1', url, headers: {}, timeoutMs: 10_000, ...config });
  open.push(client);
  const error = await settlesWithin(client.query('up', at, { retries: 0 }).then(() => undefined, (e: unknown) => e));
  expect(error).toBeInstanceOf(QueryError);
  return (error as QueryError).message;
}

/** No control or format characters, no markup, one short line. */
function expectClean(message: string): void {
  expect(message).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  expect(message).not.toMatch(/<[a-z!/]/i);
  expect(message.length).toBeLessThanOrEqual('eu-1: HTTP 500: '.length + 200);
}

const vector = (resultType: string) => JSON.stringify({ status: 'success', data: { resultType, result: [] } });

describe('query errors name the cluster on every path', () => {
  const paths: [string, Parameters<typeof failure>[0], Partial<ClientConfig>, RegExp][] = [
    ['network error', 'closed port', {}, /^eu-1: request failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/],
    ['timeout', hang, { timeoutMs: 100 }, /^eu-1: timed out after 100ms$/],
    ['HTTP status', answer(503, 'upstream overloaded'), {}, /^eu-1: HTTP 503: upstream overloaded$/],
    ['Prometheus error', answer(422, '{"status":"error","errorType":"execution","error":"query processing would load too many samples"}'), {}, /^eu-1: HTTP 422: query processing would load too many samples$/],
    ['bad JSON', answer(200, '{"status":"succ'), {}, /^eu-1: answer is not JSON: \{"status":"succ$/],
    ['wrong result type', answer(200, vector('matrix')), {}, /^eu-1: expected a vector result: got "matrix"$/],
    ['cap exceeded', endlessVector, { maxResponseBytes: 4096 }, /^eu-1: response larger than the 4KiB cap \(maxResponseBytes\)/],
    ['token file', answer(200, vector('vector')), { bearerTokenFile: '/run/secrets/eu-1/token' }, /^eu-1: cannot read the bearer token file \(ENOENT\)$/],
  ];
  it.each(paths)('%s', async (_what, handler, config, expected) => {
    const message = await failure(handler, config);
    expect(message).toMatch(expected);
    expect(message).not.toContain('/run/secrets');
    expectClean(message);
  });

  it('deadline', async () => {
    const server = await startCluster(hang);
    open.push(server);
    const client = await PrometheusClient.create({ name: 'eu-1', url: server.url, headers: {}, timeoutMs: 10_000 });
    open.push(client);
    const slos = catalogOf([{ service: 'shop', team: 'web', slos: { up: { objective: 99, window: '1d', sli: { kind: 'ratio', errors: 'e', total: 't' } } } }]).slos as unknown as Slo[];
    const result = await settlesWithin(collect([client], slos, () => 86_400, at, { batchSize: 10, concurrency: 2, retries: 1, deadlineMs: 200 }));
    expect(result.clusters[0]!.error).toMatch(/^eu-1: evaluation deadline of 200ms passed before the cluster answered/);
  });
});

describe('upstream text is sanitised', () => {
  it('strips NUL bytes, escape codes and line breaks from an error body', async () => {
    const message = await failure(answer(500, Buffer.from('boom\u0000\u0000 \u001b[31mred\u001b[0m\r\n\tsecond line\u202e')));
    expect(message).toBe('eu-1: HTTP 500: boom [31mred [0m second line');
    expectClean(message);
  });

  it('turns a 1 MB HTML error page into its text, truncated with an ellipsis', async () => {
    const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body { color: red }</style></head><body><h1>502 Bad Gateway</h1><p>${'The upstream went away. '.repeat(45_000)}</p><script>alert(1)</script></body></html>`;
    expect(page.length).toBeGreaterThan(1_000_000);
    const message = await failure(answer(502, page, { 'content-type': 'text/html' }));
    expect(message).toMatch(/^eu-1: HTTP 502: 502 Bad Gateway 502 Bad Gateway The upstream went away\. .*…$/);
    expect(message).not.toContain('color');
    expectClean(message);
  });

  it('keeps local file paths out of a Prometheus error', async () => {
    const body = JSON.stringify({ status: 'error', errorType: 'internal', error: 'open /prometheus/data/queries.active: permission denied' });
    expect(await failure(answer(500, body))).toBe('eu-1: HTTP 500: open [path]: permission denied');
  });
});
