/** The error of one cluster's query. Its message always starts with the cluster's name. */
import { sanitizeUpstream } from './sanitize-upstream.js';

export class QueryError extends Error {
  readonly status: number | undefined;

  /** `detail` is our own text; `upstream` (a body, a socket error) is sanitised before it joins the message. */
  constructor(
    readonly cluster: string,
    detail: string,
    options: { status?: number; upstream?: unknown } = {},
  ) {
    super(`${cluster}: ${detail}${options.upstream === undefined ? '' : `: ${sanitizeUpstream(options.upstream)}`}`);
    this.name = 'QueryError';
    this.status = options.status;
  }
}
