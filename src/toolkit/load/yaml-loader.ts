/** Reads a YAML file and hands it to the OpenSLO or Sloth loader, told apart by their apiVersion / version. */
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { failedDocument, type LoadedDocument } from './document.js';
import { openSloToDocument } from './openslo/openslo-loader.js';
import { slothToDocument } from './sloth/sloth-loader.js';

export async function loadYamlFile(file: string, displayName: string): Promise<LoadedDocument> {
  const text = await readFile(file, 'utf8');
  const parsed = parseAllDocuments(text);
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  const syntax = docs.flatMap((d) => d.errors);
  if (syntax.length > 0) {
    const first = syntax[0];
    const line = first?.linePos?.[0];
    const where = line ? ` at line ${line.line}, column ${line.col}` : '';
    return failedDocument(displayName, 'openslo', 'yaml-syntax', `YAML syntax error${where}: ${first?.message.split('\n')[0]}`);
  }
  const values = docs.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
  const first = values[0] as Record<string, unknown> | undefined;
  if (first && first.version === 'prometheus/v1') return slothToDocument(values, displayName);
  // Any OpenSLO object makes it an OpenSLO file; that loader then reports the documents that are not.
  if (values.some((v) => String((v as Record<string, unknown>)?.apiVersion ?? '').startsWith('openslo/'))) {
    return openSloToDocument(values, displayName);
  }
  if (first && String(first.apiVersion ?? '').startsWith('sloth.slok.dev/')) return slothToDocument(values, displayName);
  return failedDocument(displayName, 'openslo', 'unknown-format', 'is neither OpenSLO (apiVersion: openslo/v1) nor Sloth (version: prometheus/v1)');
}
