/**
 * A YAML file as the objects it holds, with positions. OpenSLO files come as one object per document,
 * as `---` streams, or as a list of objects (the layout of the OpenSLO SDK and oslo); every object gets a
 * 1-based document number in file order, list items counted one by one.
 */
import { parseAllDocuments, isSeq, type Node } from 'yaml';
import type { Problem } from '../../core/diagnostics/problem.js';
import { positionOf } from '../../core/diagnostics/text-position.js';
import { findNode } from './yaml-path.js';

export interface YamlObject {
  value: unknown;
  node: Node;
}

export interface YamlSource {
  text: string;
  objects: YamlObject[];
  /** Syntax errors, each at its position. */
  syntax: Problem[];
}

export interface Position {
  line: number;
  column: number;
  excerpt: string[];
}

export function readYamlSource(text: string, file: string): YamlSource {
  const docs = parseAllDocuments(text);
  const syntax = docs.flatMap((doc) =>
    doc.errors.map((error): Problem => {
      const { line, column, excerpt } = positionOf(text, error.pos[0]);
      const message = `YAML syntax error: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`;
      return { severity: 'error', code: 'yaml-syntax', file, message, line, column, excerpt };
    }),
  );
  const objects: YamlObject[] = [];
  for (const doc of docs) {
    const value = doc.toJS() as unknown;
    const node = doc.contents as Node | null;
    if (value === null || value === undefined || !node) continue;
    if (isSeq(node) && Array.isArray(value)) {
      node.items.forEach((item, index) => objects.push({ value: value[index], node: item as Node }));
    } else objects.push({ value, node });
  }
  return { text, objects, syntax };
}

/** Position of a field of object `document` (1-based); the object's start when the field is not given. */
export function positionIn(source: YamlSource, document: number, path: string | undefined): Position | undefined {
  const object = source.objects[document - 1];
  if (!object) return undefined;
  const { offset } = findNode(object.node, path ?? '');
  const { line, column, excerpt } = positionOf(source.text, offset);
  return { line, column, excerpt };
}
