/**
 * GET /slos/:id: one SLO's page (?group= for one group, ?range= for the span). Charts come from the
 * stored history (the same read as /api/v1/slos/:id/history), the timeline from the paging tables.
 * Its CSP allows this service's own scripts and styles and nothing else: no inline script or style.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import type { ChartAssets } from '../assets/chart-assets.js';
import { pageRange } from '../slo-page/slo-page-range.js';
import { renderSloPage } from '../slo-page/slo-page-render.js';
import { readTimeline, type Timeline } from '../slo-page/slo-page-timeline.js';
import { sloPageView } from '../slo-page/slo-page-view.js';
import { parseGroup } from './history-params.js';
import { idParams, unknownSlo } from './slo-routes.js';
import { readStore } from './store-read.js';
import { pageCsp } from './page-csp.js';

// Stricter than the status page's: its script and style are files from /assets, so no nonce and no inline style.
export const SLO_PAGE_CSP = pageCsp("'self'", "'self'");

interface PageQuery {
  range?: string;
  group?: string;
}

const NO_TIMELINE: Timeline = { events: [], open: [] };

export function sloPageRoutes(app: FastifyInstance, deps: AppDeps, assets: ChartAssets): void {
  app.get<{ Params: { id: string }; Querystring: PageQuery }>(
    '/slos/:id',
    {
      schema: {
        hide: true,
        params: idParams,
        querystring: {
          type: 'object',
          properties: {
            range: { type: 'string', maxLength: 16, description: '1d, 7d (default), 30d or window' },
            group: { type: 'string', maxLength: 2000, description: 'one group, e.g. `route=/cart`' },
          },
        },
      },
    },
    async (request, reply) => {
      const slo = deps.catalog().slos.find((s) => s.id === request.params.id);
      if (!slo) throw unknownSlo(deps, request.params.id);
      const now = deps.clock();
      const range = pageRange(request.query.range, slo, now, deps.maxHistoryRangeMs);
      const group = request.query.group === undefined || request.query.group === '' ? undefined : parseGroup(request.query.group, slo.groupBy);
      const query = { sloId: slo.id, group: group ?? {}, from: range.from, to: range.to };
      const [points, timeline] = await readStore(reply, deps.metrics.storeHealth, () =>
        Promise.all([deps.store.history(query), deps.paging ? readTimeline(deps.paging, { ...query, group }) : NO_TIMELINE]),
      );
      const view = sloPageView({ slo, ...(group ? { group } : {}), latest: deps.latest(), range, points, timeline, now });
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', SLO_PAGE_CSP)
        .header('cache-control', 'no-store')
        .send(renderSloPage(view, assets));
    },
  );
}
