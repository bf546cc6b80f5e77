/** The Alertmanager routing files `burnrate generate` writes under alerts/alertmanager/. Pure. */
import type { Slo } from '../../../core/model/slo.js';
import { yamlHeader } from '../header.js';
import { renderAlertmanagerConfig } from './render-alertmanager-config.js';
import { renderAlertmanagerYaml } from './render-alertmanager-yaml.js';
import { routingModel } from './routing-model.js';

export const alertmanagerPaths = {
  config: 'alerts/alertmanager/alertmanager.yaml',
  resource: 'alerts/alertmanager/alertmanagerconfig.yaml',
};

export function alertmanagerArtifacts(slos: readonly Slo[]): [string, string][] {
  const model = routingModel(slos);
  const header = yamlHeader(model.sources);
  return [
    [alertmanagerPaths.config, renderAlertmanagerYaml(header, model)],
    [alertmanagerPaths.resource, renderAlertmanagerConfig(header, model)],
  ];
}
