/** The `otlp` config section: defaults, validation through the real schema and loader, unknown keys refused. */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/service/config/config-schema.js';
import { inFlightBodyBytes } from '../../../src/service/config/otlp-config.js';

describe('otlp config', () => {
  it('has bounded defaults', () => {
    expect(configSchema.parse({}).otlp).toEqual({
      maxBodyBytes: 16 * 1024 * 1024,
      maxSpansPerRequest: 50_000,
      maxConcurrentRequests: 4,
      retryAfter: 1_000,
      receiveTimeout: 30_000,
      maxRouteLength: 128,
    });
  });

  it('bounds the body bytes of requests in progress: twice maxBodyBytes unless set, never less', () => {
    expect(inFlightBodyBytes(configSchema.parse({}).otlp)).toBe(32 * 1024 * 1024);
    expect(inFlightBodyBytes(configSchema.parse({ otlp: { maxBodyBytes: 4 * 1024 * 1024 } }).otlp)).toBe(8 * 1024 * 1024);
    expect(inFlightBodyBytes(configSchema.parse({ otlp: { maxInFlightBodyBytes: 100 * 1024 * 1024 } }).otlp)).toBe(100 * 1024 * 1024);
    const tooSmall = configSchema.safeParse({ otlp: { maxBodyBytes: 8 * 1024 * 1024, maxInFlightBodyBytes: 12 * 1024 * 1024 } });
    expect(tooSmall.success).toBe(false);
    expect(tooSmall.error?.issues[0]?.path.join('.')).toBe('otlp.maxInFlightBodyBytes');
    expect(tooSmall.error?.issues[0]?.message).toContain('twice maxBodyBytes');
  });

  it('reads durations and a token file', () => {
    expect(configSchema.parse({ otlp: { retryAfter: '5s', receiveTimeout: '2m', bearerTokenFile: '/run/secrets/otlp' } }).otlp).toMatchObject({
      retryAfter: 5_000,
      receiveTimeout: 120_000,
      bearerTokenFile: '/run/secrets/otlp',
    });
  });

  it.each([
    [{ maxSpansPerRequest: 0 }, 'maxSpansPerRequest'],
    [{ maxConcurrentRequests: 1.5 }, 'maxConcurrentRequests'],
    [{ maxRouteLength: 4096 }, 'maxRouteLength'],
    [{ maxBodyBytes: 10 }, 'maxBodyBytes'],
    [{ maxInFlightBodyBytes: 1.5 }, 'maxInFlightBodyBytes'],
    [{ receiveTimeout: '0s' }, 'receiveTimeout'],
    [{ bearerTokenFile: '' }, 'bearerTokenFile'],
    [{ maxSpans: 10 }, ''],
  ])('refuses %j', (otlp, field) => {
    const result = configSchema.safeParse({ otlp });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(field ? `otlp.${field}` : 'otlp');
  });
});
