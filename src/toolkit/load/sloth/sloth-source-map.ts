/** Where the fields of a converted Sloth SLO came from, in the document's own spelling (snake_case or camelCase). */
import type { FieldSources, SourceSpot } from '../source-map.js';
import type { SlothSlo, SlothStyle } from './sloth-schema.js';

const RUNBOOK_KEYS = ['runbook', 'runbook_url', 'runbookUrl'];

/** `path` is the SLO's path (`slos[1]`, `spec.slos[1]`); `fields` the SLI's and alerting's fields from the converters. */
export function sloSources(slo: SlothSlo, style: SlothStyle, path: string, fields: Record<string, string>, at: (path: string) => SourceSpot): FieldSources {
  const sources: FieldSources = {
    '': at(`${path}.name`),
    description: at(`${path}.description`),
    objective: at(`${path}.objective`),
    // Sloth has no window: Burnrate's default of 30 days stands for the SLO.
    window: at(path),
    sli: at(`${path}.sli`),
    alerting: at(`${path}.alerting`),
  };
  for (const name of Object.keys(slo.labels ?? {})) sources[`labels.${name}`] = at(`${path}.labels.${name}`);
  for (const name of Object.keys(slo.alerting?.labels ?? {})) sources[`alerting.labels.${name}`] = at(`${path}.alerting.labels.${name}`);
  const runbook = RUNBOOK_KEYS.find((key) => slo.alerting?.annotations?.[key] !== undefined);
  if (runbook) sources.runbookUrl = at(`${path}.alerting.annotations.${runbook}`);
  for (const [tier, key] of [['page', style.pageAlert], ['ticket', style.ticketAlert]] as const) {
    sources[`alerting.${tier}`] = at(`${path}.alerting.${key}`);
    sources[`alerting.${tier}.severity`] = at(`${path}.alerting.${key}.labels.severity`);
  }
  for (const [field, source] of Object.entries(fields)) sources[field] = at(source);
  return sources;
}
