import type { LoadedDocument } from '../document.js';
import { failedDocument } from '../document.js';

/** Converts OpenSLO v1 documents (Service, SLI, SLO kinds) into Burnrate SLO sets. */
export function openSloToDocument(_values: unknown[], file: string): LoadedDocument {
  return failedDocument(file, 'openslo', 'unsupported', 'OpenSLO import is being built');
}
