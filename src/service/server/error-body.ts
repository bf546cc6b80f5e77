/**
 * One error body for every 4xx and 5xx: {error: {code, message, details?}}. Fastify's own errors (schema
 * validation, unknown routes, body parsing) are mapped onto it too.
 */
import type { FastifyError, FastifyInstance } from 'fastify';

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
