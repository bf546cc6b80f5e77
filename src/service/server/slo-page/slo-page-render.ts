/**
 * One SLO's page (GET /slos/:id): server-rendered HTML that loads only this service's files. Without
 * script it still reads: facts, chart summaries and every table are in the markup; the script adds the
 * charts and fills their data tables.
 */
import type { ChartAssets } from '../assets/chart-assets.js';
import { budgetText, exhaustionText, sliCellText } from '../status-page/render-slo-row.js';
import { agoText, utcText } from '../status-page/format.js';
import { html, trusted, type SafeHtml } from '../status-page/html.js';
import { budgetSummary, burnChartData, burnSummary, chartData, jsonBlock, sliSummary } from './slo-page-charts.js';
import { RANGE_NAMES, type RangeName } from './slo-page-range.js';
import { burnRateTable, clusterTable, groupTable, linkList, timelineTable } from './slo-page-tables.js';
import type { SloPageView } from './slo-page-view.js';

const RANGE_TEXT: Record<RangeName, string> = { '1d': 'last 24 hours', '7d': 'last 7 days', '30d': 'last 30 days', window: 'the SLO window' };

function fact(name: string, value: SafeHtml | string, id: string): SafeHtml {
  return html`<div><dt>${name}</dt><dd id="${id}">${value}</dd></div>`;
}

function facts(view: SloPageView): SafeHtml {
  const { slo, budget, snapshot, period } = view;
  return html`<dl class="facts">
${fact('objective', `${slo.objectivePercent}% over ${slo.window}`, 'fact-objective')}
${fact('SLI now', sliCellText(budget, slo.objectivePercent), 'fact-sli')}
${fact('error budget', budgetText(budget), 'fact-budget')}
${fact('exhausted', exhaustionText(budget), 'fact-exhaustion')}
${fact('status', budget.unknown ? 'unknown' : budget.status, 'fact-status')}
${fact('evaluated', snapshot ? html`<time datetime="${snapshot.at.toISOString()}">${utcText(snapshot.at)}</time> <span class="muted small">(${agoText(snapshot.at, view.now)})</span>` : 'not yet', 'fact-evaluated')}
${period ? fact('budget period', html`since <time datetime="${period.start.toISOString()}">${utcText(period.start)}</time>`, 'fact-period') : ''}
${period ? fact('budget resets', html`<time datetime="${period.reset.toISOString()}">${utcText(period.reset)}</time> <span class="muted small">(${period.timeZone})</span>`, 'fact-reset') : ''}
</dl>`;
}

function rangeForm(view: SloPageView): SafeHtml {
  const options = RANGE_NAMES.map((name) => html`<option value="${name}"${name === view.range.name ? html` selected` : ''}>${RANGE_TEXT[name]}</option>`);
  return html`<form class="range" method="get" id="range-form">
<label for="range">Time range</label>
<select id="range" name="range">${options}</select>
${view.group ? html`<input type="hidden" name="group" value="${view.group.query}">` : ''}
<button type="submit">Show</button>
<span class="muted small" id="range-text"><time datetime="${view.range.from.toISOString()}">${utcText(view.range.from)}</time> – <time datetime="${view.range.to.toISOString()}">${utcText(view.range.to)}</time></span>
</form>`;
}

function chart(name: string, title: string, summary: SafeHtml, columns: string[]): SafeHtml {
  const head = columns.map((c) => html`<th scope="col">${c}</th>`);
  return html`<figure class="chart" aria-labelledby="caption-${name}">
<figcaption id="caption-${name}">${title}</figcaption>
<div class="plot" id="plot-${name}" role="img" aria-label="${title}: chart; its numbers are in the table below"></div>
<p class="chart-summary" id="summary-${name}">${summary}</p>
<details class="points" data-chart="${name}"><summary>Plotted numbers</summary><table class="data"><thead><tr>${head}</tr></thead><tbody></tbody></table></details>
</figure>`;
}

export function renderSloPage(view: SloPageView, assets: ChartAssets): string {
  const { slo } = view;
  const title = view.group ? `${slo.name} · ${view.group.text}` : slo.name;
  const whole = `/slos/${encodeURIComponent(slo.id)}?range=${encodeURIComponent(view.range.name)}`;
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Burnrate</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.uplotStyle.path}">
<link rel="stylesheet" href="${assets.pageStyle.path}">
</head>
<body>
<nav class="crumbs" aria-label="breadcrumb"><a href="/">SLO status</a> › ${view.group ? html`<a href="${whole}">${slo.name}</a> › ${view.group.text}` : slo.name}</nav>
<header>
<h1>${title}</h1>
<p class="muted"><code>${slo.id}</code> · ${slo.service} · team ${slo.team} · ${slo.sliKind} SLI${slo.counted === 'events' ? '' : `, budget in ${slo.counted}`}</p>
${slo.description ? html`<p>${slo.description}</p>` : ''}
</header>
<main>
${facts(view)}
${rangeForm(view)}
<section class="charts" aria-label="charts">
${chart('budget', 'Error budget remaining', budgetSummary(view.points), ['time', 'budget remaining', 'spent line', 'resolution'])}
${chart('sli', 'SLI against the objective', sliSummary(view.points, slo.objectivePercent), ['time', 'SLI', 'objective', 'resolution'])}
${burnChartData(view.points, view.alertWindows).map((b) =>
  chart(`burn-${b.tier}`, `Burn rates of the ${b.tier} windows`, burnSummary(view.points, b), ['time', ...b.windows.map((w) => `${w} burn rate`), ...b.thresholds.map((t) => `threshold ${t.factor}×`), 'resolution']),
)}
</section>
<h2>Burn rates and alert thresholds</h2>
${burnRateTable(view)}
<h2>Clusters</h2>
${clusterTable(view, view.snapshot)}
${groupTable(view)}
<h2>Pages and tickets</h2>
${timelineTable(view)}
<h2>Links</h2>
${linkList(view)}
</main>
<footer>Page rendered ${utcText(view.now)} from the stored history (raw points recently, hourly and daily further back).</footer>
<script type="application/json" id="chart-data">${trusted(jsonBlock(chartData(view.points, slo.objectivePercent, view.alertWindows)))}</script>
<script src="${assets.uplotScript.path}"></script>
<script src="${assets.pageScript.path}"></script>
</body>
</html>`.text}\n`;
}
