/**
 * The index's filter form: a plain GET form (works without script, keyboard reachable, the URL is the
 * shareable state) with the text filter, status checkboxes with their counts, team and service selects
 * and the sort order.
 */
import { html, type SafeHtml } from './html.js';
import { SORT_TEXT, SORTS, STATUS_FILTER_TEXT, STATUS_FILTERS, sloStates, type IndexQuery, type StatusFilter } from './index-query.js';
import type { SloView } from './status-view.js';

export interface ControlsInput {
  slos: readonly SloView[];
  query: IndexQuery;
  text: string;
  refreshSeconds: number;
  shown: number;
}

function select(name: string, label: string, all: string, values: readonly string[], chosen: string | undefined): SafeHtml {
  const options = values.map((v) => html`<option value="${v}"${v === chosen ? html` selected` : ''}>${v}</option>`);
  return html`<label for="${name}">${label}</label> <select id="${name}" name="${name}"><option value="">${all}</option>${options}</select>`;
}

function statusBoxes(slos: readonly SloView[], chosen: readonly StatusFilter[]): SafeHtml {
  const counts = new Map<StatusFilter, number>();
  for (const slo of slos) for (const s of sloStates(slo)) counts.set(s, (counts.get(s) ?? 0) + 1);
  const boxes = STATUS_FILTERS.filter((s) => counts.has(s) || chosen.includes(s)).map(
    (s) => html`<label><input type="checkbox" name="status" value="${s}"${chosen.includes(s) ? html` checked` : ''}> ${STATUS_FILTER_TEXT[s]} (${counts.get(s) ?? 0})</label>`,
  );
  return html`<fieldset id="status-filter"><legend>status</legend>${boxes}</fieldset>`;
}

export function renderControls(input: ControlsInput): SafeHtml {
  const { slos, query, text, refreshSeconds, shown } = input;
  const teams = [...new Set(slos.map((s) => s.team))].sort();
  const services = [...new Set(slos.map((s) => s.service))].sort();
  const sorts = SORTS.map((s) => html`<option value="${s}"${s === query.sort ? html` selected` : ''}>${SORT_TEXT[s]}</option>`);
  const narrowed = shown < slos.length || text.trim() !== '';
  return html`<form id="filter-form" method="get" role="search" aria-label="filter and sort SLOs">
<div class="controls">
<label for="filter">Filter by service or team</label>
<input id="filter" name="q" type="search" value="${text}" autocomplete="off" placeholder="e.g. checkout or payments">
${select('team', 'team', 'all teams', teams, query.team)}
${select('service', 'service', 'all services', services, query.service)}
<label for="sort">sort by</label> <select id="sort" name="sort">${sorts}</select>
<input type="hidden" name="refresh" value="${refreshSeconds}">
<button type="submit">Apply</button>
${narrowed ? html`<a href="?refresh=${refreshSeconds}">clear</a>` : ''}
</div>
${statusBoxes(slos, query.statuses)}
<span id="shown" class="muted" data-total="${slos.length}">${narrowed ? `showing ${shown} of ${slos.length}` : ''}</span>
</form>`;
}
