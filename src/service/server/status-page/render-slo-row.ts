/** One SLO on the status page: a <tbody> with its row and, for groupBy SLOs, its groups (worst first). */
import { isSpent } from './budget-colour.js';
import { burnRateText, durationText, percentText, sliText } from './format.js';
import { html, safeHref, trusted, type SafeHtml } from './html.js';
import { searchText, type AlertPairView, type BudgetView, type SloView } from './status-view.js';
import { TREND_SAMPLES, TREND_STEP_MS } from './budget-trends.js';
import { renderTrend } from './render-trend.js';

/** Groups listed per SLO on the index (worst first); the rest are counted, and all are in the API. */
export const INDEX_GROUPS = 3;
const TREND_DAYS = Math.round((TREND_SAMPLES * TREND_STEP_MS) / 86_400_000);

const STATUS_TEXT: Record<BudgetView['status'], string> = {
  ok: 'ok',
  partial: 'partial',
  'no-data': 'no data',
  pending: 'pending',
  unsupported: 'raw SLI',
};

/** What an SLO's or group's SLI reads: unknown when no cluster answered, "no data" when they had no events. */
export function sliCellText(v: BudgetView, objectivePercent: number): string {
  if (v.status === 'unsupported' || v.status === 'pending') return '–';
  return v.unknown ? 'unknown' : sliText(v.sli, objectivePercent);
}

export function budgetText(v: BudgetView): string {
  if (v.status === 'pending') return 'pending';
  if (v.status === 'unsupported') return 'no budget (raw SLI)';
  if (v.unknown) return 'unknown';
  if (v.remainingRatio === null) return 'no data';
  if (isSpent(v.remainingRatio)) return v.remainingRatio < 0 ? `spent (${percentText(v.remainingRatio)})` : 'spent';
  return `${percentText(v.remainingRatio)} left`;
}

export function exhaustionText(v: BudgetView): string {
  if (v.status === 'pending' || v.status === 'unsupported') return '–';
  if (v.unknown) return 'unknown';
  if (v.remainingRatio === null) return 'no data';
  if (isSpent(v.remainingRatio)) return 'spent';
  if (v.secondsToExhaustion === null) return 'not burning';
  return `in ${durationText(v.secondsToExhaustion)}`;
}

function budgetCell(v: BudgetView & { trend?: SloView['trend'] }): SafeHtml {
  const width = v.remainingRatio === null ? 0 : Math.round(Math.min(1, Math.max(0, v.remainingRatio)) * 1000) / 10;
  const trend = v.trend ? renderTrend(v.trend, TREND_DAYS) : '';
  return html`<td class="budget"><div class="bar bar-${v.colour}"><span class="fill" style="width:${width}%"></span></div><span class="budget-text">${budgetText(v)}</span>${trend}</td>`;
}

function statusCell(v: BudgetView): SafeHtml {
  const stale = v.staleClusters.map((c) => html`<li title="${c.error ?? ''}">${c.cluster}</li>`);
  return html`<td><span class="chip status-${v.status}">${v.unknown ? 'unknown' : STATUS_TEXT[v.status]}</span>${
    stale.length > 0 ? html`<div class="stale">stale: <ul class="stale-clusters">${stale}</ul></div>` : ''
  }</td>`;
}

function pairRow(p: AlertPairView): SafeHtml {
  return html`<tr class="${p.over ? 'over' : ''}"><th scope="row">${p.tier} ${p.speed}${p.enabled ? '' : ' (off)'}</th><td>${p.longWindow} / ${p.shortWindow}</td><td class="rate">${burnRateText(p.longRate)} / ${burnRateText(p.shortRate)}</td><td class="factor">&gt; ${p.factor}×</td></tr>`;
}

function links(slo: SloView): SafeHtml {
  const items = [
    ['runbook', safeHref(slo.runbookUrl)],
    ['dashboard', safeHref(slo.dashboardUrl)],
  ].filter((l): l is [string, string] => l[1] !== undefined);
  return html`${items.map(([text, href]) => html` <a href="${href}" rel="noopener noreferrer">${text}</a>`)}`;
}

function groupsRow(slo: SloView): SafeHtml | '' {
  if (slo.groupBy.length === 0) return '';
  const listed = slo.groups.slice(0, INDEX_GROUPS);
  const shown = listed.length < slo.groupCount ? `, the ${listed.length} with the least budget shown` : '';
  const rows = listed.map(
    (g) => html`<tr class="group"><td class="labels">${g.labels}</td><td>${sliCellText(g, slo.objectivePercent)}</td>${budgetCell(g)}<td class="exhaustion">${exhaustionText(g)}</td>${statusCell(g)}</tr>`,
  );
  return html`<tr class="groups"><td colspan="7"><details data-slo="${slo.id}"><summary>${slo.groupCount} groups by ${slo.groupBy.join(', ')}${shown}</summary>${
    rows.length > 0
      ? html`<table class="group-table"><thead><tr><th>group</th><th>SLI</th><th>budget</th><th>exhausted</th><th>status</th></tr></thead><tbody>${rows}</tbody></table>`
      : html`<p class="muted">no groups reported yet</p>`
  }${listed.length < slo.groupCount ? html`<p class="small">all ${slo.groupCount} groups: <a href="/slos/${encodeURIComponent(slo.id)}">the SLO's page</a></p>` : ''}</details></td></tr>`;
}

/** Rows are rendered once per view (views are cached per evaluation), then reused by every request. */
const rendered = new WeakMap<SloView, string>();

export function renderSloRow(slo: SloView, hidden: boolean): SafeHtml {
  let row = rendered.get(slo);
  if (row === undefined) rendered.set(slo, (row = sloRow(slo).text));
  return trusted(hidden ? row.replace('<tbody class="slo"', '<tbody hidden class="slo"') : row);
}

function sloRow(slo: SloView): SafeHtml {
  return html`<tbody class="slo" id="slo-${slo.id}" data-search="${searchText(slo)}">
<tr class="slo-row">
<td class="name"><a class="slo-page" href="/slos/${encodeURIComponent(slo.id)}"><strong>${slo.name}</strong></a> <span class="muted">${slo.service} · team ${slo.team}</span>${links(slo)}<div class="muted small" title="${slo.description}">${slo.id}</div></td>
<td class="objective">${slo.objectivePercent}% <span class="muted">over ${slo.window}</span><div class="muted small">${slo.sliKind} SLI${slo.counted === 'events' ? '' : `, budget in ${slo.counted}`}</div></td>
<td class="sli">${sliCellText(slo, slo.objectivePercent)}</td>
${budgetCell(slo)}
<td class="burn"><table class="pairs">${slo.alertPairs.map(pairRow)}</table></td>
<td class="exhaustion">${exhaustionText(slo)}</td>
${statusCell(slo)}
</tr>
${groupsRow(slo)}
</tbody>`;
}
