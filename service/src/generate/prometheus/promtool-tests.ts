import type { Slo } from '../../model/slo.js';

/** promtool unit tests per SLO: path-less map of SLO id to file content. */
export function promtoolTestFiles(_slos: readonly Slo[], _ruleFile: string): Map<string, string> {
  return new Map();
}
