import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, it } from 'vitest';
import { indentYaml, yamlText } from '../../../src/toolkit/generate/yaml-text.js';

const OPTIONS = { lineWidth: 0, indent: 2 } as const;

// Strings made of the characters YAML treats specially, so both plain and quoted (and block) shapes come up.
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '1', '.', '-', '+', ' ', ':', '#', '\n', '\t', '"', "'", '\\', '{', '}', '[', ']', ',', '|', '>', '%', '*', '&', '!', '~', 'e', 'x', '\u0007', '\u0085', 'é', '\ud800', '\udc00', '😀') }),
  // Multi-line text as rule expressions and descriptions have it: literal blocks, blank lines, indented lines.
  fc.array(fc.stringMatching(/^ {0,4}[a-z(][a-z (){}="0-9:#-]{0,12}[a-z)0-9]?$|^$/), { minLength: 2, maxLength: 5 }).map((lines) => lines.join('\n')),
  fc.constantFrom('', 'true', 'False', 'null', '~', '0.5', '1e3', '0x1f', '0o7', '.inf', '---', '...', 'a: b', '- x', 'rate(x[5m]) > 0.1', 'line\n  indented\n\nend'),
);
const key = fc.oneof(fc.constantFrom('name', 'expr', 'labels', 'app.kubernetes.io/name', 'exp_labels', 'true', '1', 'a b', 'x:'), text);
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null));
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(key, fc.oneof(tie('node'), fc.constant(undefined)), { maxKeys: 4 }),
}));

describe('yamlText writes what the yaml library writes', () => {
  it('for random documents', ({ expect }) => {
    fc.assert(
      fc.property(fc.oneof(tree.map, tree.list), (doc) => {
        expect(yamlText(doc)).toBe(stringify(doc, OPTIONS));
      }),
      { numRuns: 2000 },
    );
  });

  it('with repeated objects as anchors and aliases', ({ expect }) => {
    fc.assert(
      fc.property(fc.array(fc.oneof(tree.map, tree.list), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 12 }), (pool, picks) => {
        const shared = picks.map((i) => pool[i % pool.length]);
        const doc = { first: shared, nested: [{ again: shared[0] }, shared.slice(1)] };
        expect(yamlText(doc)).toBe(stringify(doc, OPTIONS));
      }),
      { numRuns: 3000 },
    );
  });

  it('indentYaml gives the text of the same value one level deeper', ({ expect }) => {
    fc.assert(
      fc.property(fc.array(tree.map, { minLength: 1, maxLength: 4 }), (groups) => {
        const plain = yamlText({ groups });
        expect(`spec:\n${indentYaml(plain)}`).toBe(stringify({ spec: { groups } }, OPTIONS));
      }),
      { numRuns: 3000 },
    );
  });
});
