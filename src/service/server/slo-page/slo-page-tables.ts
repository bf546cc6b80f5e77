/** The SLO page's tables: burn rates against their thresholds, clusters, groups, the paging timeline, links. */
import type { BudgetSnapshot } from '../../engine/types.js';
import { budgetText, exhaustionText, sliCellText } from '../status-page/render-slo-row.js';
import { burnRateText, percentText, utcText } from '../status-page/format.js';
import { html, safeHref, type SafeHtml } from '../status-page/html.js';
import type { SloPageView } from './slo-page-view.js';
import { sliDigits } from './slo-page-charts.js';

export function burnRateTable(view: SloPageView): SafeHtml {
  const pairs = view.alertPairs;
  if (pairs.length === 0) return html`<p class="muted">This SLO has no alert windows.</p>`;
  // Text, not colour, says whether a pair is over: "over" / "within".
  const rows = pairs.map(
    (p) => html`<tr><th scope="row">${p.tier} ${p.speed}${p.enabled ? '' : ' (off)'}</th><td>${p.longWindow}</td><td class="num">${burnRateText(p.longRate)}</td><td>${p.shortWindow}</td><td class="num">${burnRateText(p.shortRate)}</td><td class="num">${p.factor}×</td><td class="${p.over ? 'over' : 'within'}">${p.over ? 'over: both windows above' : 'within'}</td></tr>`,
  );
  return html`<table class="data" id="burn-rates"><thead><tr><th>alert</th><th>long window</th><th>burn rate</th><th>short window</th><th>burn rate</th><th>threshold</th><th>state</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted small">Burn rates of the latest evaluation; an alert fires when both windows of a pair burn faster than its threshold.</p>`;
}

const count = (n: number | null) => (n === null ? '–' : n.toLocaleString('en-US'));

function ratio(good: number | null, total: number | null, digits: number): string {
  if (good === null || total === null) return 'unknown';
  return total === 0 ? 'no events' : percentText(good / total, digits);
}

export function clusterTable(view: SloPageView, snapshot: BudgetSnapshot | undefined): SafeHtml {
  if (!snapshot || snapshot.clusters.length === 0) return html`<p class="muted">No cluster has reported yet.</p>`;
  const digits = sliDigits(view.slo.objectivePercent);
  const rows = snapshot.clusters.map(
    (c) => html`<tr><th scope="row">${c.cluster}</th><td>${c.status}${c.error ? html` <span class="muted small">(${c.error})</span>` : ''}</td><td class="num">${count(c.goodEvents)}</td><td class="num">${count(c.totalEvents)}</td><td class="num">${ratio(c.goodEvents, c.totalEvents, digits)}</td></tr>`,
  );
  return html`<table class="data" id="clusters"><thead><tr><th>cluster</th><th>status</th><th>good</th><th>total</th><th>SLI</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function groupTable(view: SloPageView): SafeHtml | '' {
  const { slo } = view;
  if (slo.groupBy.length === 0) return '';
  if (slo.groups.length === 0) return html`<h2>Groups</h2><p class="muted">No groups reported yet.</p>`;
  const range = `range=${encodeURIComponent(view.range.name)}`;
  const rows = slo.groups.map((g) => {
    const query = view.groupLinks.get(g.labels);
    const href = query === undefined ? undefined : `/slos/${encodeURIComponent(slo.id)}?group=${encodeURIComponent(query)}&${range}`;
    const current = query !== undefined && query === view.group?.query;
    return html`<tr><th scope="row">${href && !current ? html`<a href="${href}">${g.labels}</a>` : html`<strong>${g.labels}</strong>`}</th><td class="num">${sliCellText(g, slo.objectivePercent)}</td><td>${budgetText(g)}</td><td>${exhaustionText(g)}</td></tr>`;
  });
  const shown = slo.groups.length < slo.groupCount ? html` <span class="muted small">(the ${slo.groups.length} with the least budget of ${slo.groupCount})</span>` : '';
  return html`<h2>Groups by ${slo.groupBy.join(', ')}${shown}</h2><table class="data" id="groups"><thead><tr><th>group</th><th>SLI</th><th>budget</th><th>exhausted</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function timelineTable(view: SloPageView): SafeHtml {
  const { events, open } = view.timeline;
  const openList = open.length === 0
    ? html`<p id="open-pages">No page or ticket is open.</p>`
    : html`<ul id="open-pages">${open.map((o) => html`<li><strong>${o.tier}</strong> open since ${utcText(o.since)} · ${o.group}</li>`)}</ul>`;
  if (events.length === 0) return html`${openList}<p class="muted" id="timeline">No page or ticket events in this range.</p>`;
  const rows = events.map(
    (e) => html`<tr><th scope="row"><time datetime="${e.at.toISOString()}">${utcText(e.at)}</time></th><td>${e.action === 'trigger' ? 'triggered' : 'resolved'}</td><td>${e.tier}</td><td>${e.group}</td><td>${e.delivery}</td></tr>`,
  );
  return html`${openList}<table class="data" id="timeline"><thead><tr><th>decided</th><th>event</th><th>tier</th><th>group</th><th>delivery</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function linkList(view: SloPageView): SafeHtml {
  const { slo } = view;
  const external = [
    ['Grafana dashboard', safeHref(slo.dashboardUrl)],
    ['Runbook', safeHref(slo.runbookUrl)],
  ].map(([text, href]) => (href ? html`<li><a href="${href}" rel="noopener noreferrer">${text}</a></li>` : html`<li class="muted">${text}: not set in the catalog</li>`));
  const historyApi = `/api/v1/slos/${encodeURIComponent(slo.id)}/history?from=${encodeURIComponent(view.range.from.toISOString())}&to=${encodeURIComponent(view.range.to.toISOString())}${view.group ? `&group=${encodeURIComponent(view.group.query)}` : ''}`;
  return html`<ul class="links" id="links">${external}
<li>Generated rules: ${view.rulesFiles.map((f, i) => html`${i > 0 ? ', ' : ''}<code>${f}</code>`)} <span class="muted small">(in the repository, written by <code>burnrate generate</code>)</span></li>
<li><a href="${historyApi}">History JSON</a> · <a href="/api/v1/slos/${encodeURIComponent(slo.id)}">SLO JSON</a></li></ul>`;
}
