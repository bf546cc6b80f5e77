/** The whole status page: server-rendered HTML with inline style and script, nothing loaded from elsewhere. */
import { agoText, utcText } from './format.js';
import { html, trusted, type SafeHtml } from './html.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';
import { INDEX_STYLE } from './index-style.js';
import { selectSlos, type IndexQuery } from './index-query.js';
import { renderControls } from './render-index-controls.js';
import { renderProblems, renderSources } from './render-catalog.js';
import { renderSloRow } from './render-slo-row.js';
import { headline, matchesQuery, type SloView, type StatusView } from './status-view.js';

export interface PageOptions {
  /** The filter typed so far (?q=): rows that do not match are rendered hidden. */
  query: string;
  /** Status, team and service filters and the sort: rows not selected are not rendered. */
  index: IndexQuery;
  refreshSeconds: number;
  /** Allows the inline script under the page's Content-Security-Policy. */
  nonce: string;
}

const HEADLINE_ORDER = ['spent', 'burning', 'partial', 'no-data', 'pending', 'unsupported', 'ok'] as const;
const HEADLINE_TEXT: Record<(typeof HEADLINE_ORDER)[number], string> = {
  spent: 'budget spent',
  burning: 'burning over an alert threshold',
  partial: 'partial data',
  'no-data': 'no data',
  pending: 'pending',
  unsupported: 'raw SLI',
  ok: 'ok',
};

function evaluationLine(view: StatusView): SafeHtml {
  const catalog = html`catalog <code>${view.catalogVersion}</code>`;
  if (!view.evaluatedAt) return html`${catalog} · <span id="evaluated">not evaluated yet</span>`;
  const older = view.evaluatedCatalogVersion ? html` (with catalog <code>${view.evaluatedCatalogVersion}</code>; the next evaluation uses the new one)` : '';
  return html`${catalog} · last evaluation <time id="evaluated" datetime="${view.evaluatedAt.toISOString()}">${utcText(view.evaluatedAt)}</time> <span class="muted">(${agoText(view.evaluatedAt, view.now)})</span>${older}`;
}

function emptyState(view: StatusView): SafeHtml | '' {
  if (view.slos.length === 0) return html`<div class="empty" role="status"><h2>The catalog has no SLOs</h2><p>Add <code>*.slo.ts</code> definitions and run <code>burnrate generate</code>.</p></div>`;
  if (view.evaluatedAt) return '';
  return html`<div class="empty" role="status"><h2>Waiting for the first evaluation</h2><p>${view.slos.length} SLOs are loaded; their budgets appear here once the first evaluation has completed. This page refreshes itself.</p></div>`;
}

function summary(view: StatusView): SafeHtml {
  const counts = new Map<string, number>();
  for (const slo of view.slos) counts.set(headline(slo), (counts.get(headline(slo)) ?? 0) + 1);
  const chips = HEADLINE_ORDER.filter((h) => counts.has(h)).map((h) => html`<li class="chip summary-${h}">${counts.get(h)} ${HEADLINE_TEXT[h]}</li>`);
  const gates = view.gates.map(
    (g) => html`<li><a class="chip gate-${g.decision}" title="${g.summary}" href="/api/v1/gate?service=${encodeURIComponent(g.service)}">${g.service}: ${g.decision}</a></li>`,
  );
  return html`<ul class="chips" id="summary" aria-label="summary"><li><strong>${view.slos.length} SLOs</strong></li>${chips}</ul>
<ul class="chips" id="gates" aria-label="deploy gate"><li class="muted">deploy gate:</li>${gates}</ul>`;
}

function table(view: StatusView, slos: readonly SloView[], query: string): SafeHtml {
  if (view.slos.length === 0) return html``;
  if (slos.length === 0) return html`<p class="empty" role="status">No SLO matches these filters.</p>`;
  const rows = slos.map((slo) => renderSloRow(slo, !matchesQuery(slo, query)));
  return html`<table class="slos"><thead><tr><th>SLO</th><th>objective</th><th>SLI</th><th>error budget</th><th>burn rate long / short (alert above)</th><th>exhausted</th><th>status</th></tr></thead>${rows}</table>`;
}

export function renderPage(view: StatusView, options: PageOptions): string {
  const { query, refreshSeconds, nonce } = options;
  const selected = selectSlos(view.slos, options.index);
  const shown = selected.filter((s) => matchesQuery(s, query)).length;
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SLO status · Burnrate</title>
<noscript><meta http-equiv="refresh" content="${refreshSeconds}"></noscript>
<link rel="icon" href="data:,">
<style>${trusted(PAGE_STYLE + INDEX_STYLE)}</style>
</head>
<body data-refresh="${refreshSeconds}">
<header><h1>SLO status</h1><p class="muted" id="evaluation">${evaluationLine(view)}</p></header>
${renderControls({ slos: view.slos, query: options.index, text: query, refreshSeconds, shown })}
<div id="live">
${renderProblems(view)}
${emptyState(view)}
${summary(view)}
${table(view, selected, query)}
${renderSources(view)}
<p class="muted small">Page rendered ${utcText(view.now)}; refreshes every ${refreshSeconds} s.</p>
</div>
<p id="refresh-note" role="status"></p>
<footer>JSON: <a href="/api/v1/slos">/api/v1/slos</a> · <a href="/api/v1/catalog/sources">catalog sources</a> · budget gate: <code>/api/v1/gate?service=&lt;name&gt;</code> · API docs: <a href="/docs">/docs</a> · <a href="/metrics">/metrics</a></footer>
<script nonce="${nonce}">${trusted(PAGE_SCRIPT)}</script>
</body>
</html>`.text}\n`;
}
