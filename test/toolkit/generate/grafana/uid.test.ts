import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_UID_LENGTH, OVERVIEW_UID, serviceDashboardUid } from '../../../../src/toolkit/generate/grafana/uid.js';
import { renderDashboards } from '../../../../src/toolkit/generate/grafana/dashboards.js';
import { NAME_PATTERN } from '../../../../src/toolkit/validate/check-slo.js';
import { exampleSlos, fixtureSlos } from './fixture-slos.js';

const serviceName = fc.stringMatching(NAME_PATTERN).filter((s) => s.length <= 120);

describe('dashboard uids', () => {
  test('are burnrate-<service> when that fits, as the example dashboardUrl expects', async () => {
    expect(serviceDashboardUid('storefront')).toBe('burnrate-storefront');
    const storefront = (await exampleSlos()).find((s) => s.service === 'storefront');
    expect(storefront?.dashboardUrl).toMatch(new RegExp(`/d/${serviceDashboardUid('storefront')}$`));
  });

  test('fit Grafana (at most 40 of [A-Za-z0-9_-]), never collide with the overview, and are stable', () => {
    fc.assert(
      fc.property(serviceName, (service) => {
        const uid = serviceDashboardUid(service);
        expect(uid.length).toBeLessThanOrEqual(MAX_UID_LENGTH);
        expect(uid).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(uid).not.toBe(OVERVIEW_UID);
        expect(serviceDashboardUid(service)).toBe(uid);
      }),
    );
    expect(serviceDashboardUid('overview')).not.toBe(OVERVIEW_UID);
  });

  test('differ for services that share a long prefix', () => {
    const stem = 'a-service-with-a-name-much-longer-than-forty';
    fc.assert(
      fc.property(fc.tuple(serviceName, serviceName), ([a, b]) => {
        fc.pre(a !== b);
        expect(serviceDashboardUid(`${stem}-${a}`)).not.toBe(serviceDashboardUid(`${stem}-${b}`));
      }),
    );
  });

  test('are unique across the generated dashboards', async () => {
    for (const slos of [await exampleSlos(), fixtureSlos(), [...(await exampleSlos()), ...fixtureSlos()]]) {
      const dashboards = renderDashboards(slos);
      const services = new Set(slos.map((s) => s.service));
      expect(dashboards.size).toBe(services.size + 1);
      const uids = [...dashboards.values()].map((text) => (JSON.parse(text) as { uid: string }).uid);
      expect(new Set(uids).size).toBe(uids.length);
    }
  });
});
