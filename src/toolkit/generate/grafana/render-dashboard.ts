/**
 * Turns a built dashboard into the committed JSON: classic (v1) dashboard model, schemaVersion 38 (the newest
 * Grafana 10.0 knows; Grafana 11 to 13 migrate it forward on load), sequential panel ids, and the generated
 * marker in `description`, written first so `isGenerated` finds it within the file's first characters.
 */
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';
import { GENERATED_MARKER } from '../header.js';

export const GRAFANA_SCHEMA_VERSION = 38;

export function generatedDescription(sources: readonly string[]): string {
  const from = [...new Set(sources)].sort().join(', ');
  return `${GENERATED_MARKER} from ${from}. Do not edit: change the definitions and run \`burnrate generate\`.`;
}

/** Sequential ids, and the panel's datasource set to its queries' one (Grafana otherwise assumes the default). */
function normalisePanels(panels: readonly (Panel | RowPanel)[]): void {
  let id = 1;
  const visit = (panel: Panel) => {
    panel.id = id++;
    const first = (panel.targets?.[0] as { datasource?: DataSourceRef } | undefined)?.datasource;
    if (!panel.datasource && first) panel.datasource = { ...first };
  };
  for (const panel of panels) {
    if (panel.type !== 'row') visit(panel as Panel);
    else {
      panel.id = id++;
      (panel as RowPanel).panels.forEach(visit);
    }
  }
}

/**
 * `placement: "inControlsMenu"` (a builder default) hides links and annotation toggles in Grafana 12's
 * controls menu; without it every version shows them in the dashboard bar.
 */
function dropControlsMenuPlacement(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  // Plain loops: the walk visits every node of every dashboard.
  if (Array.isArray(value)) {
    for (const item of value) dropControlsMenuPlacement(item);
    return;
  }
  const record = value as Record<string, unknown>;
  if (record.placement === 'inControlsMenu') delete record.placement;
  for (const key of Object.keys(record)) dropControlsMenuPlacement(record[key]);
}

export function renderDashboard(built: Dashboard, sources: readonly string[]): string {
  dropControlsMenuPlacement(built);
  const { uid, title, tags, ...rest } = built;
  delete rest.description;
  normalisePanels(rest.panels ?? []);
  const ordered = {
    description: generatedDescription(sources),
    uid,
    title,
    tags,
    ...rest,
    schemaVersion: GRAFANA_SCHEMA_VERSION,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
