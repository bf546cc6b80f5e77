/**
 * The OpenSLO export as OpenSLO's own validator sees it: `oslo validate` (v0.13.0, built by
 * bin/setup-stack-tools) accepts every file `burnrate export --format openslo` writes, for SLOs of every
 * origin, and refuses a broken one (so a pass means something).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportOpenSlo } from '../../../src/toolkit/export/openslo.js';
import { stackTool } from '../../support/stack-tools.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { loadFixture } from '../load/load-support.js';

const ORIGINS: Record<string, string[]> = {
  'slo-definitions': ['../../slo-definitions'],
  'every SLI kind and window': ['definitions'],
  'time-slice SLOs': ['time-slices'],
  'OpenSLO time-slice fixtures': ['openslo/timeslices.yaml', 'openslo/ratio-timeslices.yaml', 'openslo/threshold-timeslices.yaml', 'openslo/v1alpha-timeslices.yaml'],
  'OpenSLO fixtures': ['openslo/checkout.yaml', 'openslo/storefront.yaml'],
  'Sloth fixtures': ['sloth/checkout.yml', 'sloth/home-wifi.yml', 'sloth/api-gateway-by-route.yml', 'sloth/search-crd.yml', 'sloth/multi-crd.yml'],
  'Pyrra fixtures': ['pyrra/checkout.yaml', 'pyrra/alert-name.yaml', 'pyrra/plain-file.yaml', 'pyrra/native-latency.yaml'],
};

let tmp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  tmp = await makeTempDir('burnrate-oslo-');
});
afterAll(async () => {
  await tmp.remove();
});

async function oslo(content: string, name: string): Promise<{ code: number; output: string }> {
  const file = path.join(tmp.dir, name);
  await writeFile(file, content);
  return promisify(execFile)(stackTool('oslo', 'oslo'), ['validate', '-f', file]).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
}

describe('oslo validate on the OpenSLO export', () => {
  for (const [name, paths] of Object.entries(ORIGINS)) {
    it(`accepts the export of ${name}`, async () => {
      const original = await loadFixture(...paths);
      expect(original.ok, JSON.stringify(original.problems)).toBe(true);
      const exported = exportOpenSlo(original.slos);
      const result = await oslo(exported.content, `${name.replace(/\W+/g, '-')}.yaml`);
      expect(result, result.output).toMatchObject({ code: 0 });
      expect(result.output).toContain('Valid!');
    });
  }

  it('refuses a broken export: a target above 100% and an unknown budgeting method', async () => {
    const original = await loadFixture('openslo/checkout.yaml');
    const broken = exportOpenSlo(original.slos).content.replace('targetPercent: 99.9', 'targetPercent: 150').replace('budgetingMethod: Occurrences', 'budgetingMethod: Sometimes');
    const result = await oslo(broken, 'broken.yaml');
    expect(result.code).not.toBe(0);
    expect(result.output).not.toContain('Valid!');
  });
});
