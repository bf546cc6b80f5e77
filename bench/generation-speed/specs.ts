/**
 * 1,000 SLOs written twice, equal in meaning: Burnrate `*.slo.ts` files and Sloth `prometheus/v1` YAML made
 * by our Sloth exporter from the validated SLOs. 100 services × 10 ratio SLOs, half of them grouped by route.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SloSetInput } from '../../src/toolkit/sdk/types.js';
import { validSlos } from '../lib/burnrate-rules.js';
import { slothSpecs } from '../sloth/sloth-spec.js';

export function serviceSet(s: number, perService: number): SloSetInput {
  const service = `svc-${String(s).padStart(3, '0')}`;
  const slos: SloSetInput['slos'] = {};
  for (let i = 0; i < perService; i++) {
    const job = `${service}-ep${i}`;
    slos[`endpoint-${i}`] = {
      description: `Requests to endpoint ${i} of ${service} succeed.`,
      objective: [99, 99.5, 99.9, 99.95][i % 4] ?? 99.9,
      ...(i % 2 === 0 ? { groupBy: ['route'] } : {}),
      sli: { kind: 'ratio', errors: `http_requests_total{job="${job}",code=~"5.."}`, total: `http_requests_total{job="${job}"}` },
    };
  }
  return { service, team: `team-${s % 10}`, slos };
}

/** Writes both spec trees under `dir`; returns their folders. */
export async function writeSpecs(dir: string, services: number, perService: number): Promise<{ burnrate: string; sloth: string }> {
  await rm(dir, { recursive: true, force: true });
  const burnrate = path.join(dir, 'burnrate');
  const sloth = path.join(dir, 'sloth');
  await mkdir(burnrate, { recursive: true });
  await mkdir(sloth, { recursive: true });
  const sets = Array.from({ length: services }, (_, s) => serviceSet(s, perService));
  for (const set of sets) {
    const source = `import { defineSlos } from 'burnrate';\n\nexport default defineSlos(${JSON.stringify(set, null, 2)});\n`;
    await writeFile(path.join(burnrate, `${set.service}.slo.ts`), source);
  }
  for (const [service, spec] of slothSpecs(validSlos(sets))) await writeFile(path.join(sloth, `${service}.yaml`), spec);
  return { burnrate, sloth };
}
