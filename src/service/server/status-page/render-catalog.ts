/**
 * What the status page says about where its SLOs come from and what is wrong with the configuration: the
 * problems an operator must act on (an SLO id refused because several catalog sources define it, a broken
 * source, two clusters that are one HA pair listed twice), and, with discovered catalogs, every source with
 * its state and SLO count. Source names, errors and cluster names are text from outside: escaped like the rest.
 */
import { html, type SafeHtml } from './html.js';
import type { StatusView } from './status-view.js';

type Source = NonNullable<StatusView['catalogSources']>[number];

const STATE_TEXT: Record<Source['state'], string> = {
  ok: 'ok',
  stale: 'broken: last good catalog serves',
  failed: 'broken: nothing serves',
};

const list = (names: readonly string[]): SafeHtml[] =>
  names.map((name, i) => html`${i === 0 ? '' : i === names.length - 1 ? ' and ' : ', '}<code>${name}</code>`);

function sourceProblem(source: Source): SafeHtml {
  const what = source.state === 'stale' ? `its last good catalog (${source.sloCount} SLOs) still serves` : 'none of its SLOs is evaluated';
  return html`<li class="source-problem" data-source="${source.name}">Catalog source <code>${source.name}</code> is broken; ${what}: <span class="error">${source.error ?? ''}</span></li>`;
}

/** Conflicts, broken sources and duplicated clusters; nothing when there are none. */
export function renderProblems(view: StatusView): SafeHtml | '' {
  const broken = (view.catalogSources ?? []).filter((s) => s.state !== 'ok');
  if (view.conflicts.length === 0 && broken.length === 0 && view.clusterWarnings.length === 0) return '';
  const conflicts = view.conflicts.map(
    (c) =>
      html`<li class="conflict" data-slo="${c.id}">SLO id <code>${c.id}</code> refused: defined by ${list(c.sources)}. It is not evaluated until only one source defines it; every other SLO keeps working.</li>`,
  );
  const clusters = view.clusterWarnings.map((w) => html`<li class="cluster-warning" data-clusters="${w.clusters.join(' ')}">${w.message}</li>`);
  return html`<div class="problems" id="problems" role="alert"><h2>Configuration problems</h2><ul>${conflicts}${broken.map(sourceProblem)}${clusters}</ul></div>`;
}

function sourceRow(source: Source): SafeHtml {
  const refused = source.refused > 0 ? html` <span class="refused">(${source.refused} refused)</span>` : '';
  const detail = source.error !== undefined ? html`<span class="error">${source.error}</span>` : source.version !== undefined ? html`<code>${source.version}</code>` : '';
  return html`<tr data-source="${source.name}"><td class="source-name"><code>${source.name}</code></td><td>${source.kind === 'configmap' ? 'ConfigMap' : 'file'}</td><td><span class="chip source-${source.state}">${STATE_TEXT[source.state]}</span></td><td class="count">${source.sloCount}${refused}</td><td class="detail">${detail}</td></tr>`;
}

/** Discovered catalogs only: one row per source. */
export function renderSources(view: StatusView): SafeHtml | '' {
  if (!view.catalogSources) return '';
  const counts = (['ok', 'stale', 'failed'] as const).map((state) => [state, view.catalogSources?.filter((s) => s.state === state).length ?? 0] as const).filter(([, n]) => n > 0);
  const heading = html`<h2>Catalog sources</h2><p class="muted small">${view.catalogSources.length} sources${counts.map(([state, n]) => html` · ${n} ${state}`)}${
    view.conflicts.length > 0 ? ` · ${view.conflicts.length} refused SLO id${view.conflicts.length === 1 ? '' : 's'}` : ''
  }. JSON: <a href="/api/v1/catalog/sources">/api/v1/catalog/sources</a></p>`;
  if (view.catalogSources.length === 0) return html`<section id="catalog-sources">${heading}<p class="muted">No catalog found yet: publish one (a labelled ConfigMap, or a file in the catalog directory).</p></section>`;
  return html`<section id="catalog-sources">${heading}<table class="sources"><thead><tr><th>source</th><th>kind</th><th>state</th><th>SLOs</th><th>version or error</th></tr></thead><tbody>${view.catalogSources.map(sourceRow)}</tbody></table></section>`;
}
