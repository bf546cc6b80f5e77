/** What `burnrate diff` found: the data behind both the Markdown and the --json output. */
import type { Problem } from '../../core/diagnostics/problem.js';
import type { FileChanges, RuleChanges } from './rule-changes.js';
import type { SloChange } from './slo-changes.js';

export interface DiffReport {
  base: string;
  baseCommit: string;
  /** False when the working tree's definitions have errors (then nothing else is compared). */
  ok: boolean;
  slos: SloChange[];
  rules: RuleChanges;
  files: FileChanges;
  problems: { head: Problem[]; base: Problem[] };
}
