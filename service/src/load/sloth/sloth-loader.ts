import type { LoadedDocument } from '../document.js';
import { failedDocument } from '../document.js';

/** Converts Sloth prometheus/v1 specs into Burnrate SLO sets. */
export function slothToDocument(_values: unknown[], file: string): LoadedDocument {
  return failedDocument(file, 'sloth', 'unsupported', 'Sloth import is being built');
}
