/**
 * `burnrate up` end to end: the real CLI starts Prometheus with the generated rules, the synthetic workload
 * and the service on free ports; the example SLOs get evaluated budgets; SIGINT stops every process.
 * Runs once per Prometheus line, first on the PATH as an operator's `prometheus` would be.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { freePort } from '../support/ports.js';
import { startProcess, waitFor, type RunningProcess } from '../support/processes.js';
import { prometheusLines } from '../support/stack-tools.js';
import { makeTempDir } from '../support/temp-dir.js';

interface Summary {
  id: string;
  status: string;
  sliKind: string;
  budget: { remainingRatio: number | null } | null;
}

describe.each(prometheusLines())('burnrate up with Prometheus $name', (line) => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let up: RunningProcess;
  let ports: { service: number; prometheus: number; workload: number };

  /** Prometheus processes serving the stack's data directory. */
  function stackProcesses(): string[] {
    const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
    return ps.split('\n').filter((row) => /^\s*\d+\s+\S*prometheus\s/.test(row) && row.includes(temp.dir));
  }

  beforeAll(async () => {
    temp = await makeTempDir('burnrate-up-');
    const bin = path.join(temp.dir, 'bin');
    await mkdir(bin);
    await symlink(line.prometheus, path.join(bin, 'prometheus'));
    const generated = await runCli(['generate', '--out', temp.dir]);
    expect(generated.code, generated.stderr).toBe(0);
    ports = { service: await freePort(), prometheus: await freePort(), workload: await freePort() };
    up = startProcess(
      process.execPath,
      [
        path.join(REPO_ROOT, 'bin/burnrate.mjs'),
        'up',
        '--catalog', path.join(temp.dir, 'alerts/catalog.json'),
        '--rules', path.join(temp.dir, 'alerts/prometheus'),
        '--data-dir', path.join(temp.dir, 'stack'),
        '--port', String(ports.service),
        '--prometheus-port', String(ports.prometheus),
        '--workload-port', String(ports.workload),
        '--interval', '5',
      ],
      { cwd: REPO_ROOT, env: { BURNRATE_FROM_SOURCE: '1', PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` } },
    );
  }, 60_000);

  afterAll(async () => {
    await up?.stop();
    await temp?.remove();
  });

  it('prints where to look', async () => {
    await waitFor('the stack to start', async () => up.output().includes('Press Ctrl-C to stop'), 60_000, up.output);
    const out = up.output();
    expect(out).toContain(`http://127.0.0.1:${ports.service}/api/v1/slos`);
    expect(out).toContain(`http://127.0.0.1:${ports.service}/docs`);
    expect(out).toContain(`http://127.0.0.1:${ports.prometheus}`);
    expect(out).toContain(`http://127.0.0.1:${ports.workload}/metrics`);
    // The Prometheus it started is the line's, found on the PATH.
    const buildinfo = (await (await fetch(`http://127.0.0.1:${ports.prometheus}/api/v1/status/buildinfo`)).json()) as { data: { version: string } };
    expect(buildinfo.data.version.split('.')[0]).toBe(line.name.split('.')[0]);
  });

  it('evaluates a budget for every example SLO from the workload, metrics and spans alike', async () => {
    let slos: Summary[] = [];
    await waitFor(
      'evaluated budgets',
      async () => {
        slos = ((await (await fetch(`http://127.0.0.1:${ports.service}/api/v1/slos`)).json()) as { slos: Summary[] }).slos;
        return slos.length > 0 && slos.every((s) => s.status === 'ok' && s.budget?.remainingRatio !== null);
      },
      110_000,
      () => `${JSON.stringify(slos.map((s) => [s.id, s.status]))}\n${up.output()}`,
    );
    expect(slos.map((s) => s.id).sort()).toEqual([
      'checkout-availability',
      'checkout-latency-by-route',
      'search-query-latency',
      'search-traced-requests',
      'storefront-homepage-probe',
      'storefront-monthly-availability',
    ]);
    expect(new Set(slos.map((s) => s.sliKind))).toEqual(new Set(['ratio', 'latency', 'traces', 'boolGauge']));
    // Prometheus evaluates the generated rules over the same traffic.
    const query = await fetch(`http://127.0.0.1:${ports.prometheus}/api/v1/query?query=count(burnrate:slo_total_events{window="5m"})`);
    const result = (await query.json()) as { data: { result: { value: [number, string] }[] } };
    expect(Number(result.data.result[0]?.value[1])).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it('stops every process on SIGINT', async () => {
    expect(stackProcesses()).toHaveLength(1);
    const exited = new Promise<number | null>((resolve) => up.child.on('exit', (code) => resolve(code)));
    up.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(up.output()).toContain('stopped.');
    expect(stackProcesses()).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${ports.service}/healthz`)).rejects.toThrow();
  });
});
