/**
 * One error body for every 4xx and 5xx: {error: {code, message, details?}}. Fastify's own errors (schema
 * validation, unknown routes, body parsing, malformed URLs) are mapped onto it too.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applySecurityHeaders } from './security-headers.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.details));
    }
    if ((error as FastifyError).validation) {
      const { validation, validationContext } = error as FastifyError;
      return reply.code(400).send(errorBody('BAD_REQUEST', `invalid ${validationContext ?? 'request'}: ${error.message}`, validation));
    }
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(status).send(errorBody('INTERNAL', 'internal error; see the service log for details'));
    }
    return reply.code(status).send(errorBody(error.code ?? 'BAD_REQUEST', error.message));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`, { docs: '/docs' }));
  });
}

/**
 * Errors Fastify raises while routing, before any route, hook or error handler runs: a path with broken
 * percent-encoding (`/api/v1/slos/%E0%A4%A`) or an over-long path parameter. Without this option Fastify
 * writes its own body and skips the onSend hooks, so the common body and the security headers are set here.
 * Pass as the `frameworkErrors` option of Fastify().
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  applySecurityHeaders(reply);
  if (error.code === 'FST_ERR_BAD_URL') {
    void reply.code(400).send(errorBody('BAD_REQUEST', 'malformed URL: the path is not valid percent-encoded UTF-8'));
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.code(414).send(errorBody('URI_TOO_LONG', 'a path parameter is too long'));
  } else {
    request.log.error({ err: error }, 'request failed while routing');
    void reply.code(500).send(errorBody('INTERNAL', 'internal error; see the service log for details'));
  }
}
