/** `burnrate gate` against the real app over a real socket: the exit code is the decision. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { freePort } from '../support/ports.js';
import { catalog, EVALUATED_AT, evaluationAt } from '../service/server/status-page/support/status-fixture.js';
import { startStatusApp, type StatusApp } from '../service/server/status-page/support/status-app.js';

let s: StatusApp;

beforeAll(async () => {
  s = await startStatusApp(catalog, { latest: evaluationAt(EVALUATED_AT), now: EVALUATED_AT });
});
afterAll(async () => s?.close());

// Each CLI run starts Node on the TypeScript sources; they run side by side to keep the file quick.
describe('burnrate gate', () => {
  it('exits 0 when open, 1 when frozen or unknown, and says why per SLO', async () => {
    const [open, frozen, unknown, threshold] = await Promise.all([
      runCli(['gate', '--url', s.url, '--service', 'checkout']),
      runCli(['gate', '--url', `${s.url}/`, '--slo', 'payments-authorize']),
      runCli(['gate', '--url', s.url, '--service', 'search', '--json']),
      runCli(['gate', '--url', s.url, '--service', 'checkout', '--min-remaining', '0.5']),
    ]);
    expect(open).toMatchObject({ code: 0, stderr: '' });
    expect(open.stdout.split('\n')[0]).toBe('open: every SLO has more than 0% of its error budget left');
    expect(open.stdout).toMatch(/^ {2}open {5}checkout-availability {2}75\.0% of the budget left, above 0%$/m);
    expect(open.stdout).toContain(`evaluated ${EVALUATED_AT.toISOString()}, catalog ${catalog.version}`);

    expect(frozen.code).toBe(1);
    expect(frozen.stdout).toMatch(/^frozen: payments-authorize at or below 0% of the error budget left\n {2}frozen {3}payments-authorize {2}budget spent: overspent by \d+\.\d%, at or below 0%$/m);

    expect(unknown.code).toBe(1);
    const answer = JSON.parse(unknown.stdout);
    expect(answer).toMatchObject({ decision: 'unknown', service: 'search', reasons: [{ status: 'partial', staleClusters: ['eu-west-1'] }] });

    expect(threshold.code).toBe(1);
    expect(threshold.stdout).toMatch(/^ {2}frozen {3}checkout-latency {7}budget low: /m);
  }, 180_000);

  it('exits 2 for usage errors, 1 (unknown) when the service cannot be asked', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const [typo, both, ratio, unreachable] = await Promise.all([
      runCli(['gate', '--url', s.url, '--service', 'chekout']),
      runCli(['gate', '--url', s.url]),
      runCli(['gate', '--url', s.url, '--service', 'checkout', '--min-remaining', '5']),
      runCli(['gate', '--url', down, '--service', 'checkout', '--retries', '0']),
    ]);
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toBe(`burnrate gate: no service "chekout" in catalog ${catalog.version}; did you mean "checkout"?\n`);
    expect(both).toMatchObject({ code: 2, stderr: 'burnrate gate: give exactly one of --service <name> or --slo <id>\n' });
    expect(ratio.code).toBe(2);
    expect(ratio.stderr).toContain("option '--min-remaining <ratio>' argument '5' is invalid");
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toBe(`unknown: cannot ask the budget gate at ${down}: ECONNREFUSED\n`);
  }, 180_000);
});
