/**
 * Real HTTP servers on 127.0.0.1 that act like broken query APIs: they hang, stream without end, or answer
 * with garbage. Each records the requests it saw and when their connections closed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  /** Resolves when the client (or anyone) closed this request's connection. */
  closed: Promise<void>;
}

export interface MisbehavingCluster {
  url: string;
  requests: SeenRequest[];
  /** Resolves with the next request that arrives (or the first one, if one already has). */
  nextRequest(index?: number): Promise<SeenRequest>;
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export async function startCluster(handler: Handler): Promise<MisbehavingCluster> {
  const requests: SeenRequest[] = [];
  const waiting: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const closed = new Promise<void>((resolve) => req.socket.once('close', () => resolve()));
    requests.push({ closed });
    for (const wake of waiting.splice(0)) wake();
    // The body (the PromQL form) is read first, as a real server would.
    req.resume();
    req.once('end', () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async nextRequest(index = 0) {
      while (requests.length <= index) await new Promise<void>((resolve) => waiting.push(resolve));
      return requests[index]!;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Never answers: the request stays open until the client gives up. */
export const hang: Handler = () => {};

/** An empty but valid instant-query answer. */
export const emptyVector: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{"resultType":"vector","result":[]}}');
};

/** A valid-looking vector answer that never ends, written as fast as the client reads it. */
export const endlessVector: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"status":"success","data":{"resultType":"vector","result":[');
  const sample = '{"metric":{"slo":"shop-availability","window":"5m"},"value":[1700000000,"1"]},'.repeat(200);
  const pump = (): void => {
    while (!res.destroyed && res.write(sample));
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
};

/** Answers `status` with `body` as is. */
export function answer(status: number, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, headers).end(body);
  };
}

/** Rejects if `promise` has not settled after `ms`: only a hang detector, never a speed assertion. */
export function settlesWithin<T>(promise: Promise<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms}ms: it hangs`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}
