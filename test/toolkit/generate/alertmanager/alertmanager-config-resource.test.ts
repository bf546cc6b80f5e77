/**
 * The AlertmanagerConfig resource: valid against the prometheus-operator schema, the same route tree as
 * alertmanager.yaml, keys from Secrets; and golden files for both renderings
 * (regenerate with `UPDATE_GOLDEN=1 npx vitest run test/routing`).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaProblems } from '../../../support/k8s-schemas.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { generateRouting, type RouteYaml } from './generated-routing.js';

const GOLDEN_DIR = path.join(import.meta.dirname, 'golden');
const temp = await makeTempDir('burnrate-routing-resource-');
afterAll(() => temp.remove());

interface ResourceRoute {
  receiver: string;
  matchers?: { name: string; value: string; matchType: string }[];
  groupBy?: string[];
  routes?: ResourceRoute[];
}

/** The resource's route in alertmanager.yml terms, to compare both renderings. */
function asYamlRoute(route: ResourceRoute): RouteYaml {
  return {
    receiver: route.receiver,
    matchers: (route.matchers ?? []).map((m) => `${m.name}${m.matchType}${JSON.stringify(m.value)}`),
    ...(route.groupBy ? { group_by: route.groupBy } : {}),
    ...(route.routes ? { routes: route.routes.map(asYamlRoute) } : {}),
  };
}

function withoutTimings(route: RouteYaml & Record<string, unknown>): RouteYaml {
  const { receiver, matchers, group_by, routes } = route;
  return { receiver, matchers, ...(group_by ? { group_by } : {}), ...(routes ? { routes: routes.map((r) => withoutTimings(r as RouteYaml & Record<string, unknown>)) } : {}) };
}

describe.each([
  { name: 'example', definitions: 'slo-definitions' },
  { name: 'multi-team', definitions: 'test/routing/fixtures/multi-team' },
])('AlertmanagerConfig for $name', ({ name, definitions }) => {
  it('is valid against the prometheus-operator v1alpha1 schema', async () => {
    const routing = await generateRouting(definitions, path.join(temp.dir, `${name}-schema`));
    expect(routing.resource.apiVersion).toBe('monitoring.coreos.com/v1alpha1');
    expect(routing.resource.kind).toBe('AlertmanagerConfig');
    expect(await schemaProblems(routing.resource)).toBeUndefined();
  });

  it('has the same route tree, receivers and inhibit rule as alertmanager.yaml, with keys from Secrets', async () => {
    const routing = await generateRouting(definitions, path.join(temp.dir, `${name}-same`));
    const spec = routing.resource.spec as {
      route: ResourceRoute;
      receivers: { name: string; pagerdutyConfigs?: { routingKey: { name: string; key: string }; sendResolved: boolean; details: { key: string; value: string }[] }[] }[];
      inhibitRules: { sourceMatch: ResourceRoute['matchers']; targetMatch: ResourceRoute['matchers']; equal: string[] }[];
    };
    const burnrateRoute = routing.config.route.routes?.[0] as RouteYaml & Record<string, unknown>;
    expect(asYamlRoute(spec.route)).toEqual(withoutTimings(burnrateRoute));
    expect(spec.receivers.map((r) => r.name)).toEqual(routing.config.receivers.map((r) => r.name));
    for (const receiver of spec.receivers) {
      const yamlReceiver = routing.config.receivers.find((r) => r.name === receiver.name);
      for (const [index, config] of (receiver.pagerdutyConfigs ?? []).entries()) {
        const file = yamlReceiver?.pagerduty_configs?.[index]?.routing_key_file;
        expect(`/etc/alertmanager/secrets/${config.routingKey.name}/${config.routingKey.key}`).toBe(file);
        expect(config.sendResolved).toBe(true);
        expect(Object.fromEntries(config.details.map((d) => [d.key, d.value]))).toEqual(yamlReceiver?.pagerduty_configs?.[index]?.details);
      }
    }
    const [rule] = spec.inhibitRules;
    expect(rule?.equal).toEqual(routing.config.inhibit_rules[0]?.equal);
    expect(asYamlRoute({ receiver: '', matchers: rule?.sourceMatch }).matchers).toEqual(routing.config.inhibit_rules[0]?.source_matchers);
    expect(asYamlRoute({ receiver: '', matchers: rule?.targetMatch }).matchers).toEqual(routing.config.inhibit_rules[0]?.target_matchers);
  });

  it('matches the golden files', async () => {
    const routing = await generateRouting(definitions, path.join(temp.dir, `${name}-golden`));
    for (const [file, content] of routing.files) {
      const golden = path.join(GOLDEN_DIR, name, path.basename(file));
      if (process.env.UPDATE_GOLDEN) {
        await mkdir(path.dirname(golden), { recursive: true });
        await writeFile(golden, content);
      }
      expect(content, `${golden} differs; review and run UPDATE_GOLDEN=1 npx vitest run test/routing`).toBe(await readFile(golden, 'utf8'));
    }
  });
});
