/**
 * What Grafana's provisioning needs from a classic dashboard (there is no Grafana here, so this checks the
 * shape, not Grafana's acceptance): title, uid, schemaVersion, panels with ids and grid positions, variables
 * every datasource reference resolves to; plus the generated marker, determinism and round-tripping.
 */
import { describe, expect, test } from 'vitest';
import { GENERATED_MARKER, isGenerated } from '../../../../src/toolkit/generate/header.js';
import { overviewDashboardArtifacts, renderDashboards } from '../../../../src/toolkit/generate/grafana/dashboards.js';
import { COLUMNS } from '../../../../src/toolkit/generate/grafana/overview-table.js';
import { GRAFANA_SCHEMA_VERSION } from '../../../../src/toolkit/generate/grafana/render-dashboard.js';
import { allPanels } from './dashboard-queries.js';
import { exampleSlos, fixtureSlos, manyFixtureSlos } from './fixture-slos.js';

type Json = Record<string, any>;

function parsed(texts: Map<string, string>): [string, Json, string][] {
  return [...texts].map(([uid, text]) => [uid, JSON.parse(text) as Json, text]);
}

function overlaps(a: Json, b: Json): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Every datasource reference of a dashboard: panels, targets, variables, annotations. */
function datasourceRefs(dashboard: Json): Json[] {
  const refs: Json[] = [];
  for (const panel of allPanels(dashboard) as Json[]) {
    if (panel.type === 'row') continue;
    refs.push(panel.datasource ?? { missing: `panel ${panel.id}` });
    for (const target of panel.targets ?? []) refs.push(target.datasource ?? panel.datasource);
  }
  for (const variable of dashboard.templating.list) if (variable.type === 'query') refs.push(variable.datasource);
  for (const annotation of dashboard.annotations.list ?? []) refs.push(annotation.datasource);
  return refs;
}

describe.each([
  ['the example catalog', exampleSlos],
  ['fixtures of every SLI kind and window', async () => fixtureSlos()],
])('dashboards of %s', (_name, load) => {
  test('have the fields file provisioning needs, panels on the 24-column grid without overlap', async () => {
    for (const [uid, d] of parsed(renderDashboards(await load()))) {
      expect(d.uid).toBe(uid);
      expect(typeof d.title).toBe('string');
      expect(d.id).toBeUndefined();
      expect(d.schemaVersion).toBe(GRAFANA_SCHEMA_VERSION);
      expect(Array.isArray(d.templating.list)).toBe(true);
      expect(new Set(d.templating.list.map((v: Json) => v.name)).size).toBe(d.templating.list.length);
      const panels = d.panels as Json[];
      const ids = (allPanels(d) as Json[]).map((p) => p.id as number);
      expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      for (const panel of panels) {
        const g = panel.gridPos;
        expect([g.x, g.y, g.w, g.h].every(Number.isInteger), `${uid} panel ${panel.id}`).toBe(true);
        expect(g.x >= 0 && g.w > 0 && g.x + g.w <= 24 && g.h > 0).toBe(true);
        // Grafana drops panels nested in an expanded row: they must follow the row instead.
        if (panel.type === 'row') expect(panel.collapsed ? panel.panels.length : 0).toBe(panel.panels.length);
      }
      for (const [i, a] of panels.entries()) {
        for (const b of panels.slice(i + 1)) expect(overlaps(a.gridPos, b.gridPos), `${uid}: ${a.title} / ${b.title}`).toBe(false);
      }
    }
  });

  test('reference datasources only through their variables, of the matching type', async () => {
    for (const [uid, d] of parsed(renderDashboards(await load()))) {
      const types = new Map(d.templating.list.filter((v: Json) => v.type === 'datasource').map((v: Json) => [`\${${v.name}}`, v.query]));
      for (const ref of datasourceRefs(d)) {
        expect(ref?.uid, `${uid}: ${JSON.stringify(ref)}`).toMatch(/^\$\{\w+\}$/);
        expect(types.get(ref.uid), `${uid}: ${JSON.stringify(ref)}`).toBe(ref.type);
      }
    }
  });

  test('carry the generated marker early enough for generate to own the file, and round-trip as JSON', async () => {
    for (const [, d, text] of parsed(renderDashboards(await load()))) {
      expect(d.description.startsWith(GENERATED_MARKER)).toBe(true);
      expect(isGenerated(text)).toBe(true);
      // Grafana 12's controls-menu placement would hide links and annotation toggles; 10 and 11 do not know it.
      expect(text).not.toContain('inControlsMenu');
      expect(`${JSON.stringify(d, null, 2)}\n`).toBe(text);
    }
  });

  test('are deterministic: the same output twice and whatever the order of the SLOs', async () => {
    const slos = await load();
    const first = renderDashboards(slos);
    expect(renderDashboards([...slos].reverse())).toEqual(first);
    expect([...renderDashboards(slos)]).toEqual([...first]);
    for (const text of first.values()) expect(text).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });

  test('the overview is the summary row, then one table of every SLO whose queries name no SLO', async () => {
    const slos = await load();
    const overview = JSON.parse(renderDashboards(slos).get('burnrate-overview')!) as Json;
    const panels = overview.panels as Json[];
    expect(panels.filter((p) => p.type === 'row').map((p) => p.title)).toEqual(['Summary', 'SLOs']);
    const table = panels.at(-1)!;
    expect(table.type).toBe('table');
    expect(table.transformations.map((t: Json) => t.id)).toEqual(['merge', 'organize']);
    // One instant table query per value column, each named by the organize step.
    const { renameByName, indexByName, excludeByName } = table.transformations[1].options;
    const valueColumns = Object.keys(renameByName).filter((name) => name.startsWith('Value #'));
    expect(valueColumns).toEqual(table.targets.map((t: Json) => `Value #${t.refId}`));
    expect(table.targets.every((t: Json) => t.instant && !t.range && t.format === 'table')).toBe(true);
    expect(Object.values(renameByName)).toEqual(expect.arrayContaining(Object.values(COLUMNS)));
    expect(Object.keys(indexByName)).toEqual(expect.arrayContaining(Object.keys(renameByName)));
    expect(excludeByName).toEqual({ Time: true });
    expect(table.options.sortBy).toEqual([{ displayName: COLUMNS.budget, desc: false }]);
    for (const target of table.targets as Json[]) {
      expect(target.expr).toContain('slo=~"$slo"');
      expect(target.expr).toContain('cluster=~"$cluster"');
      for (const slo of slos) expect(target.expr).not.toContain(slo.id);
    }
  });
});

test('the overview does not grow with the number of SLOs: 1,000 SLOs take about the room of 10', () => {
  const size = (count: number) => overviewDashboardArtifacts(manyFixtureSlos(count))[0]![1].length;
  const [ten, thousand] = [size(10), size(1000)];
  // Before the table, each SLO added a row of five panels: 1,000 SLOs were 11 MB.
  expect(thousand).toBeLessThan(ten * 1.1);
  expect(thousand).toBeLessThan(40_000);
});
