/** Loads fixtures and inline YAML through the real loaders and the shared validation. */
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadDefinitions } from '../../../src/toolkit/load/load-definitions.js';
import type { LoadedDocument } from '../../../src/toolkit/load/document.js';
import { openSloToDocument } from '../../../src/toolkit/load/openslo/openslo-loader.js';
import { slothToDocument } from '../../../src/toolkit/load/sloth/sloth-loader.js';
import { loadYamlText } from '../../../src/toolkit/load/yaml-loader.js';
import type { Slo } from '../../../src/core/model/slo.js';
import { formatProblem, type Problem } from '../../../src/core/diagnostics/problem.js';
import { validateDocuments, type ValidationResult } from '../../../src/toolkit/validate/validate-documents.js';
import { REPO_ROOT } from '../../support/cli.js';

export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');

export async function loadFixture(...relative: string[]): Promise<ValidationResult> {
  return validateDocuments(await loadDefinitions(relative.map((r) => path.join(FIXTURES, r)), REPO_ROOT));
}

function values(input: string | unknown[]): unknown[] {
  if (Array.isArray(input)) return input;
  return parseAllDocuments(input)
    .map((doc) => (Array.isArray(doc) ? doc[0] : doc).toJS() as unknown)
    .filter((v) => v !== null && v !== undefined);
}

/** YAML text, or already-parsed documents. */
export function openSlo(yaml: string | unknown[], file = 'inline.yaml'): ValidationResult & { doc: LoadedDocument } {
  const doc = openSloToDocument(values(yaml), file);
  return { ...validateDocuments([doc]), doc };
}

export function sloth(yaml: string | unknown[], file = 'inline.yml'): ValidationResult & { doc: LoadedDocument } {
  const doc = slothToDocument(values(yaml), file);
  return { ...validateDocuments([doc]), doc };
}

/** YAML text through the real YAML loader (format detection, positions) and the shared validation. */
export function yamlText(yaml: string, file = 'inline.yaml'): ValidationResult & { doc: LoadedDocument } {
  const doc = loadYamlText(yaml, file);
  return { ...validateDocuments([doc]), doc };
}

export function byId(slos: readonly Slo[], id: string): Slo {
  const slo = slos.find((s) => s.id === id);
  if (!slo) throw new Error(`no SLO ${id}; have ${slos.map((s) => s.id).join(', ')}`);
  return slo;
}

/** Problems as the CLI prints them, for readable assertions. */
export function texts(problems: readonly Problem[], severity: Problem['severity'] = 'error'): string[] {
  return problems.filter((p) => p.severity === severity).map(formatProblem);
}
