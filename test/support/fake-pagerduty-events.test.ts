/** The fake Events API v2 enforces the documented contract, so tests that pass against it mean something. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePagerDutyEvents, type FakePagerDutyEvents } from './fake-pagerduty-events.js';

let fake: FakePagerDutyEvents;
beforeAll(async () => {
  fake = await startFakePagerDutyEvents();
});
afterAll(() => fake.close());

const KEY = 'e93facc04764012d7bfb002500d5d1a6';

async function post(body: unknown, contentType = 'application/json') {
  const response = await fetch(fake.url, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { status: string; message: string; dedup_key?: string; errors?: string[] } };
}

describe('fake PagerDuty Events API v2', () => {
  it('accepts a documented trigger and its resolve, answering 202 with the dedup key', async () => {
    const trigger = await post({ routing_key: KEY, event_action: 'trigger', payload: { summary: 'disk full', source: 'db01', severity: 'critical', custom_details: { slo: 'x' } } });
    expect(trigger.status).toBe(202);
    expect(trigger.body).toMatchObject({ status: 'success', message: 'Event processed' });
    expect(trigger.body.dedup_key).toMatch(/^[0-9a-f]{32}$/);
    const resolve = await post({ routing_key: KEY, event_action: 'resolve', dedup_key: trigger.body.dedup_key });
    expect(resolve.status).toBe(202);
    expect(fake.events.map((e) => [e.event_action, e.dedup_key])).toEqual([
      ['trigger', trigger.body.dedup_key],
      ['resolve', trigger.body.dedup_key],
    ]);
  });

  it.each([
    ['a short routing key', { routing_key: 'abc', event_action: 'trigger', payload: { summary: 's', source: 's', severity: 'info' } }, 'routing_key must be a 32 character integration key'],
    ['an unknown action', { routing_key: KEY, event_action: 'escalate', dedup_key: 'k' }, "event_action must be one of 'trigger', 'acknowledge' or 'resolve'"],
    ['a resolve without dedup key', { routing_key: KEY, event_action: 'resolve' }, 'dedup_key is required for acknowledge and resolve'],
    ['a trigger without payload', { routing_key: KEY, event_action: 'trigger' }, 'payload is required for trigger'],
    ['a severity PagerDuty does not know', { routing_key: KEY, event_action: 'trigger', payload: { summary: 's', source: 's', severity: 'sev1' } }, "payload.severity must be one of 'critical', 'error', 'warning' or 'info'"],
    ['an empty summary', { routing_key: KEY, event_action: 'trigger', payload: { summary: '', source: 's', severity: 'info' } }, 'payload.summary must be a non-empty string of at most 1024 characters'],
    ['a missing source', { routing_key: KEY, event_action: 'trigger', payload: { summary: 's', severity: 'info' } }, 'payload.source must be a non-empty string'],
    ['custom details that are not an object', { routing_key: KEY, event_action: 'trigger', payload: { summary: 's', source: 's', severity: 'info', custom_details: 'x' } }, 'payload.custom_details must be an object'],
    ['a body that is not JSON', '{"routing_key":', 'JSON parse error'],
  ])('rejects %s with 400 and says why', async (_name, body, expected) => {
    const before = fake.events.length;
    const result = await post(body);
    expect(result.status).toBe(400);
    expect(result.body.status).toBe('invalid event');
    expect(result.body.errors).toContain(expected);
    expect(fake.events.length).toBe(before);
  });

  it('rejects a body that is not sent as JSON', async () => {
    const result = await post({ routing_key: KEY, event_action: 'resolve', dedup_key: 'k' }, 'text/plain');
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual(['Content-Type must be application/json']);
  });
});
