/** The service's logs from Loki, selected by the `service_name` stream label (OpenTelemetry `service.name`). */
import { LogsDedupStrategy, LogsPanel, LogsSortOrder } from './sdk.js';
import { CLUSTER_LABEL, LOG_SERVICE_LABEL } from '../../../core/conventions/metrics.js';
import { LOKI, VARIABLES, variableRef } from './datasources.js';
import { lokiTarget } from './targets.js';

/** `{service_name="$service",cluster=~"$cluster"}`: streams without a cluster label still match "All". */
export function logsQuery(): string {
  return `{${LOG_SERVICE_LABEL}="${variableRef(VARIABLES.service)}",${CLUSTER_LABEL}=~"${variableRef(VARIABLES.cluster)}"}`;
}

export function logsPanel(service: string): LogsPanel {
  return new LogsPanel()
    .title(`Logs of ${service}`)
    .description(`Loki streams with ${LOG_SERVICE_LABEL}="${service}" in the selected clusters.`)
    .datasource(LOKI)
    .withTarget(lokiTarget(logsQuery()))
    .showTime(true)
    .wrapLogMessage(true)
    .enableLogDetails(true)
    .sortOrder(LogsSortOrder.Descending)
    .dedupStrategy(LogsDedupStrategy.None)
    .height(12)
    .span(24);
}
