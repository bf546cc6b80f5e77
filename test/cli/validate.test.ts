/** `burnrate validate` through the real CLI: all problems in one run, JSON shape, warnings, bad paths. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const MANY = 'test/fixtures/invalid/many-problems.slo.ts';
const WARNINGS = 'test/fixtures/warnings/warnings-only.slo.ts';
const TIMEOUT_MS = 120_000;

describe.concurrent('burnrate validate', () => {
  it('lists every problem of many broken SLOs in one run, and skips none of the files', async () => {
    const result = await runCli(['validate', MANY, 'test/fixtures/invalid/module-throws.slo.ts', 'slo-definitions']);
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((l) => l.startsWith('error: '));
    // Each problem at the line and column of the field in the module (the SLO's key when the field is missing).
    const where = (at: string, slo: string, field: string) => `error: ${MANY}:${at} › payments-${slo}${field ? ` › ${field}` : ''}: `;
    const expected = [
      where('13:7', 'objective-zero', 'objective'),
      where('18:77', 'typo-in-sli', 'sli.totl'),
      where('22:7', 'bad-window', 'window'),
      where('27:29', 'broken-promql', 'sli.errors'),
      where('31:71', 'latency-off-bucket', 'sli.threshold'),
      where('36:19', 'negative-guard', 'alerting.minEvents'),
      where('36:44', 'negative-guard', 'alerting.noData.for'),
      where('38:5', 'Refunds', ''),
      where('44:26', 'raw-groupby', 'groupBy[1]'),
      where('45:27', 'raw-groupby', 'sli.errorRatio'),
    ];
    for (const prefix of expected) expect(errors.some((l) => l.startsWith(prefix)), prefix).toBe(true);
    // The module that throws is reported too, and the valid catalog adds no errors.
    expect(errors.filter((l) => l.includes('module-throws.slo.ts:4:38'))).toHaveLength(1);
    expect(errors).toHaveLength(expected.length + 1);
    expect(errors.some((l) => l.includes('payments-fine'))).toBe(false);
    expect(errors).toContain(`${where('22:7', 'bad-window', 'window')}must be whole days from 1d to 400d such as "30d", or { calendar: "month" }, got "4w"; did you mean "28d"?`);
    expect(result.stderr.trim().split('\n').at(-1)).toBe('11 errors');
  }, TIMEOUT_MS);

  it('--json gives ok, counts, SLO ids and every problem with its position and text', async () => {
    const result = await runCli(['validate', '--json', MANY]);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { ok: boolean; errors: number; warnings: number; slos: string[]; problems: Record<string, unknown>[] };
    expect(json.ok).toBe(false);
    expect(json.errors).toBe(10);
    expect(json.slos).toEqual([]);
    expect(json.problems.filter((p) => p.severity === 'error')).toHaveLength(10);
    expect(json.problems).toContainEqual({
      severity: 'error',
      code: 'objective-range',
      file: MANY,
      slo: 'payments-objective-zero',
      field: 'objective',
      message: 'must be above 0 (a percentage such as 99.9), got 0',
      line: 13,
      column: 7,
      excerpt: ['      objective: 0,', '      ^'],
      text: `${MANY}:13:7 › payments-objective-zero › objective: must be above 0 (a percentage such as 99.9), got 0`,
    });
    // Every problem of a module that loaded carries its position.
    expect(json.problems.filter((p) => typeof p.line !== 'number' || typeof p.column !== 'number')).toEqual([]);
    const promql = json.problems.find((p) => p.code === 'promql-syntax');
    expect(promql).toMatchObject({ slo: 'payments-broken-promql', field: 'sli.errors', excerpt: ['payments_requests_total{code=~"5.."', `${' '.repeat(35)}^`] });
    expect(result.stderr).toBe('');
  }, TIMEOUT_MS);

  it('exits 0 on warnings only, listing them apart from errors, and generate still writes', async () => {
    const result = await runCli(['validate', WARNINGS]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('error: '))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('warning: '))).toEqual([
      `warning: ${WARNINGS}:14:9 › inventory-stock-api › sli.total: "inventory_queue_length" looks like a gauge (it ends in _length); ratio SLIs count events with increase(), which needs a counter such as requests_total`,
      `warning: ${WARNINGS}:13:9 › inventory-stock-api › sli.errors: route="/stock" pins the groupBy label "route" to one value, so grouping by it yields a single group; drop the matcher or the groupBy`,
      `warning: ${WARNINGS}:19:7 › inventory-sync-latency › window: a 2d window is too short for multiwindow alerts: the page fast long window (1h at 30d) scales to 4m, below the 5m resolution, and is clamped to 5m; use a window of 3d or more`,
      `warning: ${WARNINGS}:20:77 › inventory-sync-latency › sli.threshold: 0.75s is not a default Prometheus bucket; list the histogram's "buckets" so validation can prove le="0.75" exists`,
    ]);
    expect(lines.at(-1)).toBe('2 SLOs valid, 4 warnings');

    const out = await makeTempDir();
    try {
      const generate = await runCli(['generate', '--out', out.dir, WARNINGS]);
      expect(generate.code, generate.stderr).toBe(0);
      expect(await readdir(path.join(out.dir, 'alerts/prometheus'))).toEqual(['inventory.rules.yaml']);
    } finally {
      await out.remove();
    }
  }, TIMEOUT_MS);

  it('reports a missing path and a folder without definitions as input errors', async () => {
    const tmp = await makeTempDir();
    try {
      await mkdir(path.join(tmp.dir, 'empty'));
      await writeFile(path.join(tmp.dir, 'empty/README.md'), 'no definitions here\n');
      const missing = await runCli(['validate', path.join(tmp.dir, 'nope.slo.ts')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(`error: ${path.join(tmp.dir, 'nope.slo.ts')}: no such file or directory`);
      const empty = await runCli(['generate', '--out', tmp.dir, path.join(tmp.dir, 'empty')]);
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain('no definition files (*.slo.ts, OpenSLO or Sloth YAML) found');
      expect((await readdir(tmp.dir)).sort()).toEqual(['empty']);
    } finally {
      await tmp.remove();
    }
  }, TIMEOUT_MS);
});
