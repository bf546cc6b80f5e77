/**
 * Every problem of a YAML file is reported at the field the author wrote: line and column, the path in
 * the document's own terms, and the document of a multi-document file, whether the loader found it or the
 * shared validation found it later on the converted SLO. Definition modules that fail to load are
 * reported at the failing import.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTypeScriptFile } from '../../../src/toolkit/load/typescript-loader.js';
import { formatProblem } from '../../../src/core/diagnostics/problem.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { loadFixture, texts, yamlText } from './load-support.js';

describe('positions of problems in YAML files', () => {
  it('OpenSLO: loader and validation problems in documents 2 and 3, all at once', async () => {
    const result = await loadFixture('openslo/located-errors.yaml');
    const file = 'test/fixtures/openslo/located-errors.yaml';
    expect(texts(result.problems)).toEqual([
      `${file}:50:7 › document 3 › payments-latency › spec.objectives[0].targetPrecent: is not a field of OpenSLO v1 here; check the spelling`,
      expect.stringMatching(/^test\/fixtures\/openslo\/located-errors\.yaml:45:7 › document 3 › payments-latency › spec\.timeWindow\[0\]\.duration: a rolling window must be whole days/),
      `${file}:43:3 › document 3 › payments-latency › spec.indicatorRef: names no SLI in this file: "payments-errors" (Burnrate resolves references within one file)`,
      // Found by validation on `objective` and `runbookUrl`, reported at the OpenSLO fields they came from.
      `${file}:35:7 › document 2 › payments-availability › spec.objectives[0].targetPercent: must be below 100 (100% leaves no error budget), got 100`,
      expect.stringMatching(/^test\/fixtures\/openslo\/located-errors\.yaml:15:5 › document 2 › payments-availability › metadata\.annotations\["burnrate\.dev\/runbook-url"\]: must be an absolute http\(s\) URL/),
    ]);
    const objective = result.problems.find((p) => p.code === 'objective-range');
    expect(objective).toMatchObject({ line: 35, column: 7, document: 2, field: 'spec.objectives[0].targetPercent', excerpt: ['    - targetPercent: 100', '      ^'] });
  });

  it('Sloth: validation problems in the second document, at slos[i] of that document', async () => {
    const result = await loadFixture('sloth/located-errors.yml');
    expect(texts(result.problems)).toEqual([
      expect.stringMatching(/^test\/fixtures\/sloth\/located-errors\.yml:35:11 › document 2 › basket-checkout-pay-availability › slos\[0\]\.alerting\.page_alert\.labels\.severity: must be a lowercase word/),
      'test/fixtures/sloth/located-errors.yml:39:5 › document 2 › basket-checkout-pay-latency › slos[1].objective: must be below 100 (100% leaves no error budget), got 100',
    ]);
    expect(texts(result.problems, 'warning')).toEqual([
      expect.stringMatching(/^test\/fixtures\/sloth\/located-errors\.yml:13:5 › document 1 › basket-add-item-availability › slos\[0\]\.alerting: page and ticket are both off/),
      expect.stringMatching(/^test\/fixtures\/sloth\/located-errors\.yml:43:5 › document 2 › basket-checkout-pay-latency › slos\[1\]\.alerting: page and ticket are both off/),
    ]);
  });

  it('Sloth CRD: a set-level problem names the CRD path (spec.labels.<name>)', () => {
    const yaml = `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata: { name: x }
spec:
  service: "api"
  labels:
    team: core
    "bad-label": "x"
  slos:
    - name: availability
      objective: 99
      sli: { raw: { errorRatioQuery: "sum(rate(e[{{.window}}])) / sum(rate(a[{{.window}}]))" } }
`;
    expect(texts(yamlText(yaml, 'crd.yml').problems)).toEqual([expect.stringMatching(/^crd\.yml:8:5 › spec\.labels\.bad-label: /)]);
  });

  it('Pyrra: every unsupported field at once, in both documents', async () => {
    const result = await loadFixture('pyrra/unsupported.yaml');
    const at = result.problems.map((p) => `${p.line}:${p.column} document ${p.document} ${p.field}`);
    expect(at).toEqual([
      '11:3 document 1 spec.partial_response_strategy',
      '10:3 document 1 spec.window',
      '16:7 document 1 spec.indicator.latencyNative.latency',
      '18:5 document 1 spec.alerting.absentName',
      '27:3 document 2 spec.target',
      '32:9 document 2 spec.indicator.ratio.errors.metric',
    ]);
  });

  it('a YAML syntax error, and a document number only when the file holds several', () => {
    const syntax = yamlText('apiVersion: openslo/v1\nkind: [SLO\nmetadata: {}\n', 'broken.yaml');
    expect(syntax.problems).toMatchObject([{ code: 'yaml-syntax', line: 3, column: 1 }]);
    const single = yamlText('apiVersion: openslo/v1\nkind: Service\nmetadata: { name: api }\nspec: { colour: red }\n', 'one.yaml');
    expect(texts(single.problems)).toEqual(['one.yaml:4:9 › api › spec.colour: is not a field of OpenSLO v1 here; check the spelling']);
  });
});

describe('positions of definition modules that fail to load', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    tmp = await makeTempDir('burnrate-locations-');
  });
  afterAll(async () => {
    await tmp.remove();
  });

  it('reports "Cannot find module" at the import, not in jiti\'s transformed code', async () => {
    for (const [name, text, line] of [
      ['first-line.slo.ts', "import { defineSlos } from 'burnrate';\nexport default defineSlos({ service: 'x', team: 't', slos: {} });\n", 1],
      ['after-comment.slo.ts', "// Outside a project with the package installed.\nimport type { SloSetInput } from 'burnrate';\nimport { defineSlos } from 'burnrate';\nexport default defineSlos({ service: 'x', team: 't', slos: {} } as SloSetInput);\n", 3],
    ] as const) {
      const file = path.join(tmp.dir, name);
      await writeFile(file, text);
      const doc = await loadTypeScriptFile(file, name);
      expect(doc.problems).toHaveLength(1);
      const [problem] = doc.problems;
      expect(formatProblem(problem as never)).toMatch(new RegExp(`^${name.replace('.', '\\.')}:${line}:28: cannot load the module: Cannot find module 'burnrate'`));
      expect(problem?.excerpt).toEqual(["import { defineSlos } from 'burnrate';", `${' '.repeat(27)}^`]);
    }
  });
});

describe('positions of problems in .slo.ts modules', () => {
  it('finds fields through consts, helpers, `satisfies` and two sets in one module', async () => {
    const result = await loadFixture('located/shapes.slo.ts');
    const file = 'test/fixtures/located/shapes.slo.ts';
    expect(texts(result.problems).map((text) => text.replace(/: .*$/, ''))).toEqual([
      // In the const the SLI refers to.
      `${file}:10:3 › checkout-latency › sli.threshold`,
      // Built by a helper at run time: at the SLO's key, the closest field written here.
      `${file}:22:5 › checkout-availability › objective`,
      `${file}:25:7 › checkout-errors › window`,
      // The second set of the module.
      `${file}:37:26 › search-queries › groupBy[1]`,
    ]);
    const warning = result.problems.find((p) => p.code === 'missing-team');
    expect(warning).toMatchObject({ line: 31, column: 23, excerpt: ['export const search = defineSlos({', `${' '.repeat(22)}^`] });
    expect(result.problems.every((p) => p.line !== undefined && p.column !== undefined)).toBe(true);
  });
});
