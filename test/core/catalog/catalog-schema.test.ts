/** The compiled catalog read back: links must be absolute http(s) URLs, as the toolkit's validator demands. */
import { describe, expect, it } from 'vitest';
import { catalogSchema, isHttpUrl } from '../../../src/core/catalog/catalog-schema.js';
import { compileCatalog } from '../../../src/toolkit/generate/compile-catalog.js';
import { validateDocuments } from '../../../src/toolkit/validate/validate-documents.js';

function compiled() {
  const result = validateDocuments([
    {
      file: 'shop.slo.ts',
      format: 'typescript',
      problems: [],
      sets: [
        {
          service: 'shop',
          team: 'web',
          runbookUrl: 'https://runbooks.example.com/shop',
          dashboardUrl: 'http://grafana.internal:3000/d/shop',
          slos: { availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'e_total', total: 't_total' } } },
        },
      ],
    },
  ]);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return JSON.parse(JSON.stringify(compileCatalog(result.slos))) as ReturnType<typeof compileCatalog>;
}

describe('isHttpUrl', () => {
  it.each(['https://runbooks.example.com/x', 'http://grafana.internal:3000/d/a?b=c#d', 'HTTPS://EXAMPLE.COM'])('takes %s', (url) => {
    expect(isHttpUrl(url)).toBe(true);
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '//evil.example/x', '/runbooks/x', 'runbooks.example.com', 'http://', ''])(
    'refuses %j',
    (url) => {
      expect(isHttpUrl(url)).toBe(false);
    },
  );
});

describe('catalogSchema links', () => {
  it('reads back what the toolkit writes', () => {
    const catalog = compiled();
    expect(catalogSchema.parse(catalog).slos[0]).toMatchObject({ runbookUrl: 'https://runbooks.example.com/shop', dashboardUrl: 'http://grafana.internal:3000/d/shop' });
  });

  it.each(['runbookUrl', 'dashboardUrl'] as const)('refuses a hand-edited javascript: %s, naming the field', (field) => {
    const catalog = compiled();
    catalog.slos[0]![field] = 'javascript:alert(document.cookie)';
    const result = catalogSchema.safeParse(catalog);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[`slos.0.${field}`, 'must be an absolute http(s) URL']]);
  });
});
