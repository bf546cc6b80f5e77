/**
 * POST /v1/traces: an OTLP/HTTP trace receiver (protobuf or JSON, optionally gzip) that counts spans of
 * the catalog's trace SLIs. Spans are counted, not stored: point the OpenTelemetry Collector (or an SDK)
 * here next to your tracing backend. Bounded (the `otlp` config section): body size, spans per request,
 * requests at once and the body bytes they hold together (503 + Retry-After, before the body is read), time
 * to receive a body; optionally a bearer token. Bodies are copied as they arrive into one buffer sized from
 * Content-Length (or grown, for chunked bodies), never joined from chunks at the end.
 */
import type { Readable } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inFlightBodyBytes, otlpConfigSchema } from '../../config/otlp-config.js';
import { BearerToken } from '../../otlp/bearer-token.js';
import { BodyBuffer, BudgetExceeded, FIRST_CAPACITY, readInto } from '../../otlp/body-buffer.js';
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
  reply: FastifyReply;
  /** Content-Length; undefined for a chunked body. */
  declared: number | undefined;
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

/** Content-Length as a number (Node has checked its syntax), undefined when absent (chunked). */
function declaredLength(request: FastifyRequest): number | undefined {
  const header = request.headers['content-length'];
  return header === undefined || request.headers['transfer-encoding'] !== undefined ? undefined : Number(header);
}

/** Whether the request comes with a body still unread. */
const hasBody = (request: FastifyRequest) => request.headers['transfer-encoding'] !== undefined || (declaredLength(request) ?? 0) > 0;

export function otlpRoutes(app: FastifyInstance, deps: AppDeps): void {
  const config = deps.otlp ?? otlpConfigSchema.parse({});
  const metrics = otlpMetrics(deps.registry);
  const file = config.bearerTokenFile;
  const token = file ? new BearerToken(file, (err) => deps.logger.warn({ err, file }, 'could not re-read otlp.bearerTokenFile; the last token read stays in force')) : undefined;
  const budget = inFlightBodyBytes(config);
  const limit = new ConcurrencyLimit(config.maxConcurrentRequests, budget, (inUse, bytes) => {
    metrics.inFlight.set(inUse);
    metrics.inFlightBodyBytes.set(bytes);
  });
  const retryAfterSeconds = Math.max(1, Math.ceil(config.retryAfter / 1000));
  const budgetMessage = `OTLP requests in progress hold the ${budget} body bytes allowed (otlp.maxInFlightBodyBytes); retry after ${retryAfterSeconds}s`;
  const admissions = new WeakMap<FastifyRequest, Admission>();
  const tooLarge = (bytes: number) => new ApiError(413, 'PAYLOAD_TOO_LARGE', `the body has ${bytes} bytes or more, over ${config.maxBodyBytes} (otlp.maxBodyBytes); send smaller batches`);
  /** A refusal leaving (part of) the body unread: the connection is closed rather than read to its end. */
  const refuseUnread = (reply: FastifyReply, error: unknown) => {
    reply.header('connection', 'close');
    if (error instanceof BudgetExceeded) reply.header('retry-after', String(retryAfterSeconds));
    return error;
  };

  /** The body, copied as it arrives into one buffer: of its Content-Length (no more accepted), or grown within maxBodyBytes. */
  async function readBody(payload: Readable, { slot, declared }: Admission): Promise<Buffer> {
    const limits = { maxBytes: config.maxBodyBytes, tooLarge, reserve: (more: number) => slot.tryReserve(more), budgetMessage };
    const body = await readInto(payload, new BodyBuffer(declared ?? FIRST_CAPACITY, limits, declared !== undefined));
    if (declared !== undefined && body.length !== declared) throw new ApiError(400, 'BAD_REQUEST', `the body has ${body.length} bytes, not its Content-Length ${declared}`);
    return body;
  }

  // Encapsulated: these parsers and hooks apply to the receiver only.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([PROTOBUF, JSON_TYPE], (request, payload, done) => {
      const admission = admissions.get(request) as Admission;
      readBody(payload, admission).then(
        (body) => done(null, body),
        (error: unknown) => {
          // Anything but our own refusals is the connection failing under the read.
          const refusal = error instanceof ApiError ? error : new ApiError(499, 'CLIENT_CLOSED', `the body could not be read: ${(error as Error).message}`);
          done(refuseUnread(admission.reply, refusal) as ApiError);
        },
      );
    });

    // Before the body is read: a refused request costs no memory.
    scope.addHook('onRequest', async (request, reply) => {
      if (token && !token.accepts(request.headers.authorization)) {
        reply.header('www-authenticate', 'Bearer realm="burnrate-otlp"');
        throw new ApiError(401, 'UNAUTHORIZED', 'this receiver needs Authorization: Bearer <token> (otlp.bearerTokenFile)');
      }
      const declared = declaredLength(request);
      if (declared !== undefined && declared > config.maxBodyBytes) {
        reply.header('connection', 'close');
        throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `the body has ${declared} bytes (Content-Length), over ${config.maxBodyBytes} (otlp.maxBodyBytes); send smaller batches`);
      }
      // A chunked body is admitted with its first buffer and grows, asking the budget, as it arrives.
      const slot = limit.tryAcquire(declared ?? FIRST_CAPACITY);
      if (typeof slot === 'string') {
        if (hasBody(request)) reply.header('connection', 'close');
        reply.header('retry-after', String(retryAfterSeconds));
        throw slot === 'requests'
          ? new ApiError(503, 'OVERLOADED', `${limit.max} OTLP requests are in progress (otlp.maxConcurrentRequests); retry after ${retryAfterSeconds}s`)
          : new BudgetExceeded(budgetMessage);
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
      admissions.set(request, { slot, reply, declared, receiveTimer, gone });
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
          let body: Buffer;
          try {
            const reserve = (more: number) => admission.slot.tryReserve(more);
            body = await inflateBody(raw, request.headers['content-encoding'], { maxBytes: config.maxBodyBytes, reserve, budgetMessage });
          } catch (error) {
            if (error instanceof BudgetExceeded) reply.header('retry-after', String(retryAfterSeconds));
            throw error;
          }
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
