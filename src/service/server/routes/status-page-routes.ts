/**
 * GET / and /status: the operators' status page, rendered from the latest in-memory evaluation (the
 * same one /api/v1/slos serves). A strict Content-Security-Policy proves the page loads nothing else.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { renderPage } from '../status-page/render-page.js';
import { statusView } from '../status-page/status-view.js';

export const DEFAULT_REFRESH_SECONDS = 30;
const MIN_REFRESH_SECONDS = 2;
const MAX_REFRESH_SECONDS = 3600;

interface PageQuery {
  q?: string;
  refresh?: string;
}

/** A page should not fail on a hand-edited URL: out-of-range refresh values are clamped, junk ignored. */
export function refreshSeconds(text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) return DEFAULT_REFRESH_SECONDS;
  return Math.min(MAX_REFRESH_SECONDS, Math.max(MIN_REFRESH_SECONDS, Math.round(value)));
}

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function statusPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const schema = {
    hide: true,
    querystring: {
      type: 'object',
      properties: {
        q: { type: 'string', maxLength: 200, description: 'filter: terms matched against service, team, id and name' },
        refresh: { type: 'string', maxLength: 8, description: `seconds between refreshes (${MIN_REFRESH_SECONDS}–${MAX_REFRESH_SECONDS})` },
      },
    },
  };
  const handler = async (request: FastifyRequest<{ Querystring: PageQuery }>, reply: FastifyReply) => {
    const nonce = randomBytes(16).toString('base64');
    const view = statusView(deps.catalog(), deps.latest(), deps.clock());
    const page = renderPage(view, { query: request.query.q ?? '', refreshSeconds: refreshSeconds(request.query.refresh), nonce });
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', contentSecurityPolicy(nonce))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(page);
  };
  app.get<{ Querystring: PageQuery }>('/', { schema }, handler);
  app.get<{ Querystring: PageQuery }>('/status', { schema }, handler);
}
