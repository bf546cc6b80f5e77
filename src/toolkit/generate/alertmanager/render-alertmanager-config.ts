/**
 * The routing as an AlertmanagerConfig resource (monitoring.coreos.com/v1alpha1) for the Prometheus
 * Operator: the same tree and receivers, routing keys referenced from Secrets in the resource's namespace.
 */
import { yamlText } from '../yaml-text.js';
import { pagerDutyFields } from './pagerduty-fields.js';
import { burnrateRoute, inhibitRules, type Matcher, type RouteNode } from './route-tree.js';
import { DEFAULT_RECEIVER, type RoutingModel } from './routing-model.js';

export const ALERTMANAGER_CONFIG_NAME = 'burnrate-routing';

function matcherObject(matcher: Matcher): Record<string, string> {
  return { name: matcher.name, value: matcher.value, matchType: matcher.op };
}

function routeObject(node: RouteNode): Record<string, unknown> {
  return {
    receiver: node.receiver,
    matchers: node.matchers.map(matcherObject),
    ...(node.groupBy ? { groupBy: node.groupBy } : {}),
    ...(node.timings ? { groupWait: node.timings.groupWait, groupInterval: node.timings.groupInterval, repeatInterval: node.timings.repeatInterval } : {}),
    ...(node.routes.length > 0 ? { routes: node.routes.map(routeObject) } : {}),
  };
}

function receivers(model: RoutingModel): Record<string, unknown>[] {
  const list: Record<string, unknown>[] = [{ name: DEFAULT_RECEIVER }];
  for (const team of model.teams) {
    for (const receiver of team.receivers) {
      const fields = pagerDutyFields(receiver.kind);
      list.push({
        name: receiver.name,
        pagerdutyConfigs: [
          {
            routingKey: { name: team.secretName, key: receiver.secretKey },
            sendResolved: true,
            description: fields.description,
            severity: fields.severity,
            class: fields.class,
            component: fields.component,
            group: fields.group,
            details: fields.details.map(([key, value]) => ({ key, value })),
          },
        ],
      });
    }
  }
  return list;
}

/** Name, namespace and extra labels of the resource, for a service's GitOps bundle. */
export interface AlertmanagerConfigMetadata {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
}

export function renderAlertmanagerConfig(header: string, model: RoutingModel, metadata: AlertmanagerConfigMetadata = {}): string {
  const resource = {
    apiVersion: 'monitoring.coreos.com/v1alpha1',
    kind: 'AlertmanagerConfig',
    metadata: {
      name: metadata.name ?? ALERTMANAGER_CONFIG_NAME,
      ...(metadata.namespace !== undefined ? { namespace: metadata.namespace } : {}),
      labels: { ...metadata.labels, 'app.kubernetes.io/managed-by': 'burnrate', 'app.kubernetes.io/part-of': 'burnrate' },
    },
    spec: {
      route: routeObject(burnrateRoute(model)),
      receivers: receivers(model),
      inhibitRules: inhibitRules(model).map((rule) => ({
        sourceMatch: rule.source.map(matcherObject),
        targetMatch: rule.target.map(matcherObject),
        equal: rule.equal,
      })),
    },
  };
  const notes = [
    '# The Prometheus Operator adds a namespace="<this namespace>" matcher to this route unless the Alertmanager',
    '# sets alertmanagerConfigMatcherStrategy.type: None. Secrets burnrate-pagerduty-<team> live in this namespace.',
  ];
  return `${header}${notes.join('\n')}\n${yamlText(resource)}`;
}
