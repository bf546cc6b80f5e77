/** Service dashboard, per trace SLI: the spans it counts as bad, searched in Jaeger. */
import { TablePanel } from './sdk.js';
import type { Slo } from '../../../core/model/slo.js';
import { JAEGER } from './datasources.js';
import { jaegerSearch, jaegerTarget, tracesSli } from './trace-links.js';

function tracesTable(title: string, description: string, target: ReturnType<typeof jaegerTarget>): TablePanel {
  return new TablePanel().title(title).description(description).datasource(JAEGER).targets([target]).height(8).span(12);
}

export function tracePanels(slo: Slo): TablePanel[] {
  const sli = tracesSli(slo);
  if (!sli) return [];
  const panels = [
    tracesTable(
      `Failed ${sli.spanService} spans (Jaeger)`,
      'Recent traces with spans in status ERROR: the bad events of this SLI. Open a trace ID to see the whole trace.',
      jaegerTarget(jaegerSearch(sli, 'failed')),
    ),
  ];
  if (sli.latencyThresholdSeconds !== undefined) {
    panels.push(
      tracesTable(
        `Slow ${sli.spanService} spans (Jaeger)`,
        `Recent traces with spans slower than ${sli.latencyThresholdSeconds}s, which this SLI counts as bad.`,
        jaegerTarget(jaegerSearch(sli, 'slow')),
      ),
    );
  }
  return panels;
}
