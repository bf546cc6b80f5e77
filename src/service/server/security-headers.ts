/**
 * Browser hardening on every response, errors and 404s included: no MIME sniffing (a JSON error echoing a
 * parameter must never run as HTML), no referrer leaking internal URLs to runbook links, no framing.
 * Routes that render HTML set their own Content-Security-Policy; everything else gets one that allows nothing.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';

const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The one inline <style> Swagger UI renders: inside its logo's SVG. Allowed by hash rather than
 * 'unsafe-inline'; after a Swagger UI upgrade, test/service/server/docs-page.browser.test.ts says if it changed.
 */
const SWAGGER_LOGO_STYLE = '.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}';
const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/**
 * Swagger UI at /docs: its own scripts, styles and images only. Not the plugin's default policy, whose
 * `upgrade-insecure-requests` breaks the page on a plain-http port and which allows framing by itself.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  `style-src 'self' ${styleHash(SWAGGER_LOGO_STYLE)}`,
].join('; ');

export function applySecurityHeaders(reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', LOCKED_DOWN_CSP);
}

/** Register before plugins that set a stricter or route-specific policy in their own onSend hooks. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    applySecurityHeaders(reply);
    return payload;
  });
}
