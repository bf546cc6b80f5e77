/**
 * A Sloth PrometheusServiceLevel's or a Pyrra ServiceLevelObjective's namespace and labels reach the
 * PrometheusRule generated for its service, so the Prometheus operator's ruleSelector still selects it.
 */
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../../src/core/diagnostics/problem.js';
import { generateArtifacts, paths } from '../../../../src/toolkit/generate/artifacts.js';
import { pyrraToDocument } from '../../../../src/toolkit/load/pyrra/pyrra-loader.js';
import { validateDocuments } from '../../../../src/toolkit/validate/validate-documents.js';
import { FIXTURES, loadFixture } from '../../load/load-support.js';
import { loadSlos } from './rule-files.js';

interface Resource {
  metadata: { name: string; namespace?: string; labels: Record<string, string> };
}

function resource(content: string | undefined): Resource {
  return parse(content ?? '') as Resource;
}

const OWN = { 'app.kubernetes.io/managed-by': 'burnrate', 'app.kubernetes.io/part-of': 'burnrate' };

describe('the PrometheusRule of SLOs read from Kubernetes objects', () => {
  it("keeps a Sloth PrometheusServiceLevel's namespace and labels", async () => {
    const slos = await loadSlos([path.join(FIXTURES, 'sloth/operator-crd.yml')]);
    const rule = resource(generateArtifacts(slos).get(paths.prometheusRule('ledger')));
    expect(rule.metadata).toEqual({
      name: 'burnrate-ledger',
      namespace: 'monitoring',
      labels: { release: 'kube-prometheus-stack', prometheus: 'k8s', ...OWN, 'burnrate.dev/service': 'ledger' },
    });
  });

  it("joins the labels of a service's Pyrra objects, in their namespace", async () => {
    const slos = await loadSlos([path.join(FIXTURES, 'pyrra/checkout.yaml')]);
    const rule = resource(generateArtifacts(slos).get(paths.prometheusRule('checkout')));
    expect(rule.metadata.namespace).toBe('shop');
    expect(rule.metadata.labels).toMatchObject({ prometheus: 'k8s', role: 'alert-rules', 'pyrra.dev/team': 'payments', ...OWN });
  });

  it('writes no namespace, and warns, when the objects of one service live in several', () => {
    const object = (name: string, namespace: string) => ({
      apiVersion: 'pyrra.dev/v1alpha1',
      kind: 'ServiceLevelObjective',
      metadata: { name, namespace, labels: { team: 'core' } },
      spec: { target: '99', window: '28d', indicator: { ratio: { errors: { metric: `${name.replace("-", "_")}_errors_total` }, total: { metric: `${name.replace("-", "_")}_total` } } } },
    });
    const result = validateDocuments([pyrraToDocument([object('api-reads', 'eu'), object('api-writes', 'us')], 'api.yaml')]);
    expect(result.problems.map(formatProblem)).toEqual([
      'api.yaml › document 1 › api-reads › metadata.name: the objects of service "api" live in namespaces eu and us; its one PrometheusRule is written without a namespace, so apply it where the Prometheus operator selects rules',
    ]);
    const rule = resource(generateArtifacts(result.slos).get(paths.prometheusRule('api')));
    expect(rule.metadata.namespace).toBeUndefined();
    expect(rule.metadata.labels).toEqual({ team: 'core', ...OWN, 'burnrate.dev/service': 'api' });
  });

  it('is unchanged for definitions that are no Kubernetes objects', async () => {
    const result = await loadFixture('sloth/checkout.yml', 'openslo/storefront.yaml');
    for (const service of ['checkout', 'storefront']) {
      const rule = resource(generateArtifacts(result.slos).get(paths.prometheusRule(service)));
      expect(rule.metadata).toEqual({ name: `burnrate-${service}`, labels: { ...OWN, 'burnrate.dev/service': service } });
    }
  });
});
