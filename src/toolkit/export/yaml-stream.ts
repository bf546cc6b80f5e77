/**
 * Several YAML documents in one file, with the generated-file header as the first lines of the first
 * document. No document holds the header alone: validators that decode document by document (oslo, the
 * OpenSLO SDK) refuse a whole file whose first document is only a comment.
 */
import { stringify } from 'yaml';
import { GENERATED_MARKER } from '../generate/header.js';
import type { Slo } from '../../core/model/slo.js';

export function exportHeader(slos: readonly Slo[], format: string): string {
  const sources = [...new Set(slos.map((slo) => slo.source.file))].sort().join(', ');
  return `# ${GENERATED_MARKER} from ${sources}. Do not edit: change the definitions and run \`burnrate export --format ${format}\`.\n`;
}

export function yamlStream(header: string, documents: readonly object[]): string {
  return header + documents.map((doc) => stringify(doc, { lineWidth: 0 })).join('---\n');
}
