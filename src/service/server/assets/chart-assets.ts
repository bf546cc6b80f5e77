/**
 * The files the SLO page loads, all from this service (the page's CSP allows 'self' and nothing else):
 * uPlot's script and stylesheet, read once from node_modules at start, and the page's own script and
 * stylesheet. Each URL carries the content's hash, so a response can be cached for good and an upgrade
 * changes the URL instead of serving a stale file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SLO_PAGE_SCRIPT } from '../slo-page/slo-page-script.js';
import { SLO_PAGE_STYLE } from '../slo-page/slo-page-style.js';

export interface Asset {
  path: string;
  contentType: string;
  body: Buffer;
}

export interface ChartAssets {
  uplotScript: Asset;
  uplotStyle: Asset;
  pageScript: Asset;
  pageStyle: Asset;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

function asset(name: string, extension: 'js' | 'css', body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}-${hash}.${extension}`, contentType: extension === 'js' ? JS : CSS, body };
}

/** uPlot's prebuilt browser files: the IIFE build defines the global `uPlot` without a module loader. */
function uplotFile(file: string): Buffer {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve(`uplot/dist/${file}`));
}

export function loadChartAssets(): ChartAssets {
  return {
    uplotScript: asset('uplot', 'js', uplotFile('uPlot.iife.min.js')),
    uplotStyle: asset('uplot', 'css', uplotFile('uPlot.min.css')),
    pageScript: asset('slo-page', 'js', Buffer.from(SLO_PAGE_SCRIPT)),
    pageStyle: asset('slo-page', 'css', Buffer.from(SLO_PAGE_STYLE)),
  };
}
