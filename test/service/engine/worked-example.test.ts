import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workedExample } from './worked-example.js';

describe('docs/budget-maths.md', () => {
  it('shows the worked example exactly as the engine computes it today', () => {
    const doc = readFileSync(new URL('../../../docs/budget-maths.md', import.meta.url), 'utf8');
    expect(doc).toContain(JSON.stringify(workedExample(), null, 2));
  });
});
