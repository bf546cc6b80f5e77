/**
 * The fleet's services going on serving after the backfilled history ends: an HTTP target that a live
 * Prometheus scrapes, answering each raw series' counter for the current minute with that minute's scrape
 * timestamp. A Prometheus started later misses the minutes it was down, as after a real restart, and the
 * counters carry on from where they were.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SeriesTail } from './raw-counters.js';

export interface LiveTraffic {
  /** host:port, for a scrape config. */
  target: string;
  close(): Promise<void>;
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
}

/** Serves `tails`, whose first values are the samples of `firstSample` (seconds), one a minute. */
export async function startLiveTraffic(tails: readonly SeriesTail[], firstSample: number): Promise<LiveTraffic> {
  const series = tails.map((t) => ({ prefix: `http_requests_total{${labelText(t.labels)}} `, values: t.values }));
  const server = createServer((_, res) => {
    const minute = Math.floor((Date.now() / 1000 - firstSample) / 60);
    const lines = ['# TYPE http_requests_total counter'];
    if (minute >= 0) {
      const timestamp = (firstSample + minute * 60) * 1000;
      for (const s of series) {
        const value = s.values[minute];
        if (value !== undefined) lines.push(`${s.prefix}${value} ${timestamp}`);
      }
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { target: `127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
