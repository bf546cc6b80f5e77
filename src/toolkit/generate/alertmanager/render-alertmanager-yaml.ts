/**
 * The routing as an alertmanager.yml fragment: route, receivers and inhibit_rules. It is a complete config
 * (amtool check-config accepts it); to merge, nest `route.routes[0]` under your own root route and copy the
 * receivers and inhibit rule. Routing keys are read from files (Alertmanager >= 0.25), never written here.
 */
import { yamlText } from '../yaml-text.js';
import { pagerDutyFields } from './pagerduty-fields.js';
import { inhibitRules, matcherText, burnrateRoute, type RouteNode } from './route-tree.js';
import { DEFAULT_RECEIVER, secretFilePath, type RoutingModel } from './routing-model.js';

function routeYaml(node: RouteNode): Record<string, unknown> {
  return {
    receiver: node.receiver,
    matchers: node.matchers.map(matcherText),
    ...(node.groupBy ? { group_by: node.groupBy } : {}),
    ...(node.timings
      ? { group_wait: node.timings.groupWait, group_interval: node.timings.groupInterval, repeat_interval: node.timings.repeatInterval }
      : {}),
    ...(node.routes.length > 0 ? { routes: node.routes.map(routeYaml) } : {}),
  };
}

function receiversYaml(model: RoutingModel): Record<string, unknown>[] {
  const receivers: Record<string, unknown>[] = [{ name: DEFAULT_RECEIVER }];
  for (const team of model.teams) {
    for (const receiver of team.receivers) {
      const fields = pagerDutyFields(receiver.kind);
      receivers.push({
        name: receiver.name,
        pagerduty_configs: [
          {
            routing_key_file: secretFilePath(team, receiver),
            send_resolved: true,
            description: fields.description,
            severity: fields.severity,
            class: fields.class,
            component: fields.component,
            group: fields.group,
            details: Object.fromEntries(fields.details),
          },
        ],
      });
    }
  }
  return receivers;
}

export function renderAlertmanagerYaml(header: string, model: RoutingModel): string {
  const config = {
    route: { receiver: DEFAULT_RECEIVER, routes: [routeYaml(burnrateRoute(model))] },
    receivers: receiversYaml(model),
    inhibit_rules: inhibitRules(model).map((rule) => ({
      source_matchers: rule.source.map(matcherText),
      target_matchers: rule.target.map(matcherText),
      equal: rule.equal,
    })),
  };
  const notes = [
    `# ${DEFAULT_RECEIVER} has no integration: only alerts Burnrate does not own reach it.`,
    '# Routing keys are read at notification time from the mounted Secret burnrate-pagerduty-<team>',
    '# (keys routing-key-page, routing-key-ticket). See docs/routing.md.',
  ];
  return `${header}${notes.join('\n')}\n${yamlText(config)}`;
}
