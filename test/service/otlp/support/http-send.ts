/** Raw HTTP to the receiver: whole bodies, chunked bodies, and uploads that stop half-way until the test lets them finish. */
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export async function post(url: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
}

/** POSTs `chunks` with Transfer-Encoding: chunked (no Content-Length), one write each. */
export function postChunked(url: string, chunks: Buffer[], headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', ...headers } });
    request.on('response', (response) => {
      const body: Buffer[] = [];
      response.on('data', (c: Buffer) => body.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(body) }));
    });
    // An error after the answer (a refusal closes the connection while chunks are still written) changes nothing.
    request.on('error', reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

export interface Upload {
  /** The whole body, as `post` would send it. */
  body: Buffer;
  /** Sends the rest of the body. */
  finish: () => void;
  answer: Promise<Answer>;
  /** Resolves when the connection has closed, whoever closed it. */
  closed: Promise<void>;
}

/** Sends the headers and the first `sent` bytes of `body`, then waits. */
export function startUpload(url: string, body: Buffer, sent = 4): Upload {
  const request = http.request(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', 'content-length': String(body.length) } });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
  });
  answer.catch(() => {});
  const closed = new Promise<void>((resolve) => request.on('close', () => resolve()));
  request.write(body.subarray(0, sent));
  return { body, finish: () => request.end(body.subarray(sent)), answer, closed };
}
