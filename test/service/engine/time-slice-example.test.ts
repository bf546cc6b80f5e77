import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { timeSliceExample } from './time-slice-example.js';

describe('docs/time-slices.md', () => {
  it('shows the worked example exactly as the engine computes it today', () => {
    const doc = readFileSync(new URL('../../../docs/time-slices.md', import.meta.url), 'utf8');
    expect(doc).toContain(JSON.stringify(timeSliceExample(), null, 2));
  });
});
