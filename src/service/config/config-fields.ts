/** Field types shared by every section of the service configuration. */
import { z } from 'zod';
import { parseDurationMs } from '../../core/model/duration.js';

/** "60s", "1h", or a number of seconds, read as milliseconds; `allowZero` for waits that may be turned off. */
export function durationMs(options: { allowZero?: boolean; example: string }) {
  const { allowZero = false, example } = options;
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = typeof value === 'number' ? value * 1000 : parseDurationMs(value);
    if (ms === undefined || !Number.isFinite(ms) || ms < 0 || (ms === 0 && !allowZero)) {
      ctx.addIssue({ code: 'custom', message: `expected a ${allowZero ? 'non-negative' : 'positive'} duration such as ${example} (got ${JSON.stringify(value)})` });
      return z.NEVER;
    }
    return ms;
  });
}

/** An http(s) URL; `example` shows what belongs there. */
export function httpUrl(example: string) {
  return z.string().refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `expected an http(s) URL such as ${example}`);
}
