/** `burnrate diff --base <ref>`: what a change does to SLOs and generated rules, as Markdown or JSON. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { generateArtifacts } from '../../toolkit/generate/artifacts.js';
import { withoutSources, type ValidationResult } from '../../toolkit/validate/validate-documents.js';
import { DEFAULT_DEFINITIONS, loadAndValidate, printProblems, problemCount, problemsJson } from '../definitions.js';
import { EXIT, ExitError } from '../exit-codes.js';
import { printJson } from '../output.js';
import type { DiffReport } from '../../toolkit/diff/diff-report.js';
import { extractBase } from './git-base.js';
import { renderMarkdown, summaryLine } from '../../toolkit/diff/render-markdown.js';
import { compareFiles, compareRules, type RuleEntry } from '../../toolkit/diff/rule-changes.js';
import { compareSlos } from '../../toolkit/diff/slo-changes.js';

export interface DiffOptions {
  base: string;
  json?: boolean;
}

const EMPTY: ValidationResult = { slos: [], validSlos: [], problems: [], ok: true, locate: withoutSources };

/** The base's definitions; paths that did not exist there yet simply hold no SLOs. */
async function validateBase(ref: string, given: readonly string[]): Promise<{ commit: string; result: ValidationResult }> {
  const tree = await extractBase(ref, given);
  try {
    const existing = given.filter((p) => existsSync(path.resolve(tree.cwd, p)));
    if (existing.length === 0) return { commit: tree.commit, result: EMPTY };
    const result = await loadAndValidate(existing, tree.cwd);
    if (!result.ok && result.problems.every((p) => p.code === 'no-definitions')) return { commit: tree.commit, result: EMPTY };
    return { commit: tree.commit, result };
  } finally {
    await tree.remove();
  }
}

export async function buildDiff(paths: readonly string[], ref: string): Promise<DiffReport> {
  const given = paths.length > 0 ? paths : DEFAULT_DEFINITIONS;
  const head = await loadAndValidate(given);
  const base = await validateBase(ref, given);
  const baseSlos = base.result.ok ? base.result.slos : base.result.validSlos;
  const baseArtifacts = generateArtifacts(baseSlos);
  const headArtifacts = head.ok ? generateArtifacts(head.slos) : baseArtifacts;
  return {
    base: ref,
    baseCommit: base.commit,
    ok: head.ok,
    slos: head.ok ? compareSlos(baseSlos, head.slos) : [],
    rules: compareRules(baseArtifacts, headArtifacts),
    files: compareFiles(baseArtifacts, headArtifacts),
    problems: { head: head.problems, base: base.result.problems },
  };
}

function ruleJson(rule: RuleEntry) {
  return { key: rule.key, kind: rule.kind, file: rule.file };
}

function diffJson(report: DiffReport) {
  return {
    ...report,
    summary: summaryLine(report),
    rules: {
      added: report.rules.added.map(ruleJson),
      removed: report.rules.removed.map(ruleJson),
      changed: report.rules.changed.map(({ rule, fields }) => ({ ...ruleJson(rule), fields })),
    },
    problems: { head: problemsJson(report.problems.head), base: problemsJson(report.problems.base) },
  };
}

export async function runDiff(paths: readonly string[], options: DiffOptions): Promise<void> {
  const report = await buildDiff(paths, options.base);
  if (options.json) printJson(diffJson(report));
  else process.stdout.write(renderMarkdown(report));
  if (!report.ok) {
    if (!options.json) {
      printProblems(report.problems.head);
      process.stderr.write(`${problemCount(report.problems.head)}\n`);
    }
    throw new ExitError(EXIT.invalid);
  }
}
