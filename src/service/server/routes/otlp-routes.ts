/**
 * POST /v1/traces: an OTLP/HTTP trace receiver (protobuf or JSON, optionally gzip) that counts spans of
 * the catalog's trace SLIs. Spans are counted, not stored: point the OpenTelemetry Collector (or an SDK)
 * here next to your tracing backend. Bounded (the `otlp` config section): body size, spans per request,
 * requests at once (503 + Retry-After), time to receive a body; optionally a bearer token.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { otlpConfigSchema } from '../../config/otlp-config.js';
import { BearerToken } from '../../otlp/bearer-token.js';
import { ConcurrencyLimit, type Slot } from '../../otlp/concurrency-limit.js';
import { decodeExport, type OtlpEncoding } from '../../otlp/decode-export.js';
import { OtlpFormatError } from '../../otlp/decode-state.js';
import { inflateBody } from '../../otlp/inflate-body.js';
import { otlpMetrics, type RejectReason } from '../../otlp/otlp-metrics.js';
import { exportResponse, JSON_TYPE, partialSuccess, PROTOBUF } from '../../otlp/otlp-response.js';
import type { AppDeps } from '../app-deps.js';
import { ApiError } from '../error-body.js';

interface Admission {
  slot: Slot;
  receiveTimer: NodeJS.Timeout;
  /** Aborted when the connection closes before the answer is sent. */
  gone: AbortController;
}

const REJECT_REASONS: Record<number, RejectReason> = { 401: 'unauthorized', 503: 'overloaded', 413: 'too_large', 415: 'unsupported', 499: 'aborted' };

function encodingOf(request: FastifyRequest): OtlpEncoding | undefined {
  const type = request.headers['content-type']?.toLowerCase() ?? '';
  if (type.startsWith(JSON_TYPE)) return 'json';
  if (type.startsWith(PROTOBUF)) return 'protobuf';
  return undefined;
}

export function otlpRoutes(app: FastifyInstance, deps: AppDeps): void {
  const config = deps.otlp ?? otlpConfigSchema.parse({});
  const metrics = otlpMetrics(deps.registry);
  const file = config.bearerTokenFile;
  const token = file ? new BearerToken(file, (err) => deps.logger.warn({ err, file }, 'could not re-read otlp.bearerTokenFile; the last token read stays in force')) : undefined;
  const limit = new ConcurrencyLimit(config.maxConcurrentRequests, (inUse) => metrics.inFlight.set(inUse));
  const retryAfterSeconds = Math.max(1, Math.ceil(config.retryAfter / 1000));
  const admissions = new WeakMap<FastifyRequest, Admission>();

  // Encapsulated: these parsers and hooks apply to the receiver only.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([PROTOBUF, JSON_TYPE], { parseAs: 'buffer', bodyLimit: config.maxBodyBytes }, (_request, body, done) => done(null, body));

    // Before the body is read: a refused request costs no memory.
    scope.addHook('onRequest', async (request, reply) => {
      if (token && !token.accepts(request.headers.authorization)) {
        reply.header('www-authenticate', 'Bearer realm="burnrate-otlp"');
        throw new ApiError(401, 'UNAUTHORIZED', 'this receiver needs Authorization: Bearer <token> (otlp.bearerTokenFile)');
      }
      const slot = limit.tryAcquire();
      if (!slot) {
        reply.header('retry-after', String(retryAfterSeconds));
        throw new ApiError(503, 'OVERLOADED', `${limit.max} OTLP requests are in progress (otlp.maxConcurrentRequests); retry after ${retryAfterSeconds}s`);
      }
      const gone = new AbortController();
      const receiveTimer = setTimeout(() => {
        metrics.rejectedRequests.inc({ reason: 'timeout' });
        request.raw.destroy();
      }, config.receiveTimeout).unref();
      reply.raw.once('close', () => {
        clearTimeout(receiveTimer);
        if (!reply.raw.writableFinished) gone.abort(new ApiError(499, 'CLIENT_CLOSED', 'the sender closed the connection'));
        slot.drop();
      });
      admissions.set(request, { slot, receiveTimer, gone });
    });

    scope.addHook('onError', async (_request, _reply, error: FastifyError | ApiError) => {
      deps.metrics.otlpRequests.inc({ result: 'rejected' });
      const status = error.statusCode ?? 500;
      metrics.rejectedRequests.inc({ reason: REJECT_REASONS[status] ?? (status < 500 ? 'bad_request' : 'internal') });
    });

    scope.post(
      '/v1/traces',
      {
        schema: {
          summary: 'OTLP/HTTP trace receiver: counts spans of trace SLIs',
          tags: ['otlp'],
          consumes: [PROTOBUF, JSON_TYPE],
        },
      },
      async (request, reply) => {
        const admission = admissions.get(request) as Admission;
        clearTimeout(admission.receiveTimer);
        // The decode holds the slot too: a sender hanging up does not free it while its body is decoded.
        admission.slot.hold();
        try {
          const encoding = encodingOf(request);
          if (encoding === undefined) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `send ${PROTOBUF} or ${JSON_TYPE}`);
          const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const body = await inflateBody(raw, request.headers['content-encoding'], config.maxBodyBytes);
          const batch = deps.spans.batch(config.maxRouteLength);
          const options = { maxSpans: config.maxSpansPerRequest, signal: admission.gone.signal };
          let outcome;
          try {
            outcome = await decodeExport(body, encoding, options, (span) => batch.add(span));
          } catch (error) {
            if (error instanceof OtlpFormatError) throw new ApiError(400, 'BAD_REQUEST', `invalid OTLP ${encoding === 'json' ? 'JSON' : 'protobuf'}: ${error.message}`);
            throw error;
          }
          batch.commit();
          if (outcome.rejected > 0) metrics.droppedSpans.inc({ reason: 'span_limit' }, outcome.rejected);
          deps.metrics.otlpRequests.inc({ result: 'ok' });
          const answer = exportResponse(encoding, partialSuccess(outcome.rejected, config.maxSpansPerRequest));
          return reply.type(answer.type).send(answer.body);
        } finally {
          admission.slot.drop();
        }
      },
    );
  });
}
