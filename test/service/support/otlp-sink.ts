/** A local OTLP/HTTP receiver for tests: collects what exporters POST to /v1/traces (JSON or protobuf). */
import http from 'node:http';
import { decodeTraceRequest } from '../../../src/service/otlp/otlp-trace-proto.js';
import { freePort } from '../../support/ports.js';

export interface OtlpSink {
  url: string;
  /** Decoded ExportTraceServiceRequest bodies, in arrival order. */
  requests: unknown[];
  close: () => Promise<void>;
}

export async function startOtlpSink(): Promise<OtlpSink> {
  const requests: unknown[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const body = Buffer.concat(chunks);
      requests.push(req.headers['content-type']?.includes('json') ? JSON.parse(body.toString()) : decodeTraceRequest(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
