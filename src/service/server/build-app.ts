/** The HTTP API: Fastify with JSON schemas on every route, OpenAPI at /docs, one error body everywhere. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerRequestTracing } from '../telemetry/request-tracing.js';
import type { AppDeps } from './app-deps.js';
import { loadChartAssets } from './assets/chart-assets.js';
import { registerCompression } from './compression.js';
import { frameworkErrors, registerErrorHandling } from './error-body.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { gateRoutes } from './routes/gate-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { historyRoutes } from './routes/history-routes.js';
import { metricsRoutes } from './routes/metrics-routes.js';
import { otlpRoutes } from './routes/otlp-routes.js';
import { assetRoutes } from './routes/asset-routes.js';
import { sloPageRoutes } from './routes/slo-page-routes.js';
import { sloRoutes } from './routes/slo-routes.js';
import { statusPageRoutes } from './routes/status-page-routes.js';
import { sharedSchemas } from './schemas.js';
import { DOCS_CSP, registerSecurityHeaders } from './security-headers.js';

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Health checks and scrapes every few seconds would drown the useful lines.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    frameworkErrors,
  });
  registerRequestTracing(app);
  registerErrorHandling(app);
  registerSecurityHeaders(app);
  for (const schema of sharedSchemas) app.addSchema(schema);
  await registerCompression(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Burnrate service API',
        version: '1',
        description: 'Error budgets of the SLO catalog across clusters: status, burn rates, history; OTLP span counting for trace SLIs.',
      },
      tags: [
        { name: 'slos', description: 'SLOs and their budgets' },
        { name: 'catalog', description: 'The compiled catalog in use' },
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'metrics', description: 'Prometheus metrics' },
        { name: 'otlp', description: 'OTLP/HTTP trace receiver' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });
  sloRoutes(app, deps);
  historyRoutes(app, deps);
  catalogRoutes(app, deps);
  healthRoutes(app, deps);
  metricsRoutes(app, deps);
  otlpRoutes(app, deps);
  gateRoutes(app, deps);
  statusPageRoutes(app, deps);
  const assets = loadChartAssets();
  assetRoutes(app, assets);
  sloPageRoutes(app, deps, assets);
  return app;
}
