/**
 * Our Sloth exporter: the same SLOs as Sloth `prometheus/v1` specs, so both tools are measured on
 * definitions equal in meaning. Ratio SLIs only (errorQuery/totalQuery, spelt error_query/total_query in the YAML of Sloth v0.16); other kinds have no Sloth equivalent here.
 */
import { stringify } from 'yaml';
import type { Slo } from '../../src/core/model/slo.js';

function sumRate(groupBy: readonly string[], selector: string): string {
  const by = groupBy.length > 0 ? ` by (${groupBy.join(', ')})` : '';
  return `sum${by} (rate(${selector}[{{.window}}]))`;
}

function eventQueries(slo: Slo): { error_query: string; total_query: string } {
  const { sli, groupBy } = slo;
  if (sli.kind !== 'ratio') throw new Error(`${slo.id}: only ratio SLIs are exported to Sloth, not ${sli.kind}`);
  const total = sumRate(groupBy, sli.total);
  if (sli.errors) return { error_query: sumRate(groupBy, sli.errors), total_query: total };
  return { error_query: `(${total} - ${sumRate(groupBy, sli.good ?? '')})`, total_query: total };
}

function slothSlo(slo: Slo) {
  return {
    name: slo.name,
    objective: slo.objectivePercent,
    description: slo.description || slo.id,
    sli: { events: eventQueries(slo) },
    alerting: {
      name: `${slo.id.replace(/(^|-)([a-z0-9])/g, (_, _d: string, c: string) => c.toUpperCase())}Burn`,
      page_alert: { disable: !slo.alerting.page.enabled, labels: { severity: slo.alerting.page.severity } },
      ticket_alert: { disable: !slo.alerting.ticket.enabled, labels: { severity: slo.alerting.ticket.severity } },
    },
  };
}

/** One Sloth spec document per service, keyed by service. */
export function slothSpecs(slos: readonly Slo[]): Map<string, string> {
  const byService = new Map<string, Slo[]>();
  for (const slo of slos) byService.set(slo.service, [...(byService.get(slo.service) ?? []), slo]);
  const specs = new Map<string, string>();
  for (const [service, list] of byService) {
    specs.set(service, stringify({ version: 'prometheus/v1', service, labels: { team: list[0]?.team ?? '' }, slos: list.map(slothSlo) }, { lineWidth: 0 }));
  }
  return specs;
}
