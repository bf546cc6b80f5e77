/**
 * POST /v1/traces: an OTLP/HTTP trace receiver (protobuf or JSON, optionally gzip) that counts spans of
 * the catalog's trace SLIs. Spans are counted, not stored: point the OpenTelemetry Collector (or an SDK)
 * here next to your tracing backend.
 */
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeSpans, OtlpFormatError } from '../../otlp/decode-spans.js';
import { decodeTraceRequest } from '../../otlp/otlp-trace-proto.js';
import type { AppDeps } from '../app-deps.js';
import { ApiError } from '../error-body.js';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

function inflate(request: FastifyRequest, body: Buffer): Buffer {
  const encoding = request.headers['content-encoding'];
  if (encoding === undefined || encoding === 'identity') return body;
  if (encoding !== 'gzip') throw new ApiError(415, 'UNSUPPORTED_ENCODING', `content-encoding ${encoding} is not supported; use gzip or none`);
  try {
    return gunzipSync(body, { maxOutputLength: MAX_BODY_BYTES });
  } catch (error) {
    throw new ApiError(400, 'BAD_REQUEST', `invalid gzip body: ${(error as Error).message}`);
  }
}

export function otlpRoutes(app: FastifyInstance, deps: AppDeps): void {
  // Encapsulated: these parsers apply to the receiver only.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addHook('onError', async () => void deps.metrics.otlpRequests.inc({ result: 'rejected' }));
    scope.addContentTypeParser('application/x-protobuf', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (request, body, done) => {
      try {
        done(null, decodeTraceRequest(inflate(request, body as Buffer)));
      } catch (error) {
        done(error instanceof ApiError ? error : new ApiError(400, 'BAD_REQUEST', `invalid OTLP protobuf: ${(error as Error).message}`));
      }
    });
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (request, body, done) => {
      try {
        done(null, JSON.parse(inflate(request, body as Buffer).toString('utf8')));
      } catch (error) {
        done(error instanceof ApiError ? error : new ApiError(400, 'BAD_REQUEST', `invalid OTLP JSON: ${(error as Error).message}`));
      }
    });
    scope.post(
      '/v1/traces',
      {
        schema: {
          summary: 'OTLP/HTTP trace receiver: counts spans of trace SLIs',
          tags: ['otlp'],
          consumes: ['application/x-protobuf', 'application/json'],
        },
      },
      async (request, reply) => {
        let spans;
        try {
          spans = decodeSpans(request.body);
        } catch (error) {
          if (error instanceof OtlpFormatError) throw new ApiError(400, 'BAD_REQUEST', `invalid OTLP request: ${error.message}`);
          throw error;
        }
        deps.spans.count(spans);
        deps.metrics.otlpRequests.inc({ result: 'ok' });
        // An empty ExportTraceServiceResponse: full success.
        if (request.headers['content-type']?.startsWith('application/x-protobuf')) return reply.type('application/x-protobuf').send(Buffer.alloc(0));
        return reply.type('application/json').send({});
      },
    );
  });
}
