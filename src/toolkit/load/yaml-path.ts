/**
 * Finds the YAML node a field path names, as far as the document has it: `spec.slos[0].objective`,
 * `metadata.annotations["burnrate.dev/team"]`, or a key holding dots such as `metadata.labels.pyrra.dev/team`
 * (the longest key that matches wins). A field that is missing resolves to its closest existing parent.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';

export interface FoundNode {
  /** Where the field starts: its key in a map, else the node itself. */
  offset: number;
  /** True when the whole path exists. */
  exact: boolean;
}

const INDEX = /^\[(\d+)\]/;
const QUOTED = /^\[("(?:[^"\\]|\\.)*")\]/;

function keyText(key: unknown): string | undefined {
  return isScalar(key) && key.value !== null && key.value !== undefined ? String(key.value) : undefined;
}

/** The pair whose key starts `rest` (`key`, `key.…`, `key[…]`), the longest such key first. */
function matchKey(node: Node, rest: string): { length: number; key: Node; value: unknown } | undefined {
  if (!isMap(node)) return undefined;
  const quoted = QUOTED.exec(rest);
  const wanted = quoted ? (JSON.parse(quoted[1] as string) as string) : undefined;
  let best: { length: number; key: Node; value: unknown } | undefined;
  for (const pair of node.items) {
    const key = keyText(pair.key);
    if (key === undefined) continue;
    const matches = wanted !== undefined ? key === wanted : rest === key || rest.startsWith(`${key}.`) || rest.startsWith(`${key}[`);
    const length = quoted ? (quoted[0] as string).length : key.length;
    if (matches && (!best || length > best.length)) best = { length, key: pair.key as Node, value: pair.value };
  }
  return best;
}

export function findNode(root: Node, path: string): FoundNode {
  let node: Node = root;
  let offset = root.range?.[0] ?? 0;
  let rest = path;
  while (rest !== '') {
    rest = rest.replace(/^\./, '');
    const index = INDEX.exec(rest);
    if (index && isSeq(node)) {
      const item = node.items[Number(index[1])] as Node | undefined;
      if (!item) return { offset, exact: false };
      node = item;
      offset = item.range?.[0] ?? offset;
      rest = rest.slice(index[0].length);
      continue;
    }
    const pair = matchKey(node, rest);
    if (!pair) return { offset, exact: false };
    offset = pair.key.range?.[0] ?? offset;
    rest = rest.slice(pair.length);
    if (!pair.value || typeof pair.value !== 'object') return { offset, exact: rest === '' };
    node = pair.value as Node;
  }
  return { offset, exact: true };
}
