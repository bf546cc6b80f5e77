/**
 * A tiny Prometheus exporter for end-to-end tests: one request counter with a `code` label that grows with
 * wall-clock time at a chosen rate of errors (code 500) and successes (code 200). Switch the rates to move
 * from an outage to healthy traffic; both series exist from the start so no-data never fires.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Rates {
  goodPerSecond: number;
  errorsPerSecond: number;
}

export interface SyntheticExporter {
  /** host:port for a scrape config. */
  target: string;
  setRates(rates: Rates): void;
  counts(): { good: number; errors: number };
  close(): Promise<void>;
}

export async function startSyntheticExporter(metric: string, initial: Rates): Promise<SyntheticExporter> {
  let rates = initial;
  let good = 0;
  let errors = 0;
  let last = Date.now();
  const advance = () => {
    const now = Date.now();
    const seconds = (now - last) / 1000;
    good += rates.goodPerSecond * seconds;
    errors += rates.errorsPerSecond * seconds;
    last = now;
  };
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    advance();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(
      [
        `# HELP ${metric} Requests served, by status code.`,
        `# TYPE ${metric} counter`,
        `${metric}{code="200"} ${Math.floor(good)}`,
        `${metric}{code="500"} ${Math.floor(errors)}`,
        '',
      ].join('\n'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    setRates: (next) => {
      advance();
      rates = next;
    },
    counts: () => ({ good: Math.floor(good), errors: Math.floor(errors) }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
