/** roundRatio strips float noise; its fast path for integers must give what the 12-digit round trip gives. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { roundRatio } from '../../../src/core/model/slo.js';

const roundTrip = (value: number) => Number(value.toPrecision(12));

test('removes float noise and keeps meaningful digits', () => {
  expect(roundRatio(1 - 0.999)).toBe(0.001);
  expect(roundRatio(0.1 + 0.2)).toBe(0.3);
  expect(roundRatio(14.4 * 0.001)).toBe(0.0144);
});

test('integers come back as the round trip gives them, large ones rounded to 12 digits and -0 as 0', () => {
  fc.assert(fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), (n) => Object.is(roundRatio(n), roundTrip(n))));
  expect(roundRatio(1234567890123)).toBe(1234567890120);
  expect(Object.is(roundRatio(-0), 0)).toBe(true);
});
