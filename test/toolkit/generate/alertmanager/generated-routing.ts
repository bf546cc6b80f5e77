/** Generates the Alertmanager routing of a definitions directory into a temp dir, as `burnrate generate` does. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { loadAndValidate } from '../../../../src/cli/definitions.js';
import { alertmanagerArtifacts, alertmanagerPaths } from '../../../../src/toolkit/generate/alertmanager/alertmanager-artifacts.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { REPO_ROOT } from '../../../support/cli.js';

export interface GeneratedRouting {
  slos: Slo[];
  /** alertmanager.yaml and alertmanagerconfig.yaml, by repository-relative path. */
  files: Map<string, string>;
  configFile: string;
  config: AlertmanagerYaml;
  resource: { apiVersion: string; kind: string; metadata: { name: string }; spec: Record<string, unknown> };
}

export interface PagerDutyConfigYaml {
  routing_key_file?: string;
  routing_key?: string;
  send_resolved: boolean;
  severity: string;
  description: string;
  details: Record<string, string>;
}

export interface RouteYaml {
  receiver: string;
  matchers?: string[];
  group_by?: string[];
  routes?: RouteYaml[];
}

export interface AlertmanagerYaml {
  route: RouteYaml;
  receivers: { name: string; pagerduty_configs?: PagerDutyConfigYaml[] }[];
  inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[];
}

export async function generateRouting(definitions: string, dir: string): Promise<GeneratedRouting> {
  const result = await loadAndValidate([path.join(REPO_ROOT, definitions)]);
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const files = new Map(alertmanagerArtifacts(result.slos));
  for (const [file, content] of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  const configFile = path.join(dir, alertmanagerPaths.config);
  return {
    slos: result.slos,
    files,
    configFile,
    config: parse(await readFile(configFile, 'utf8')) as AlertmanagerYaml,
    resource: parse(files.get(alertmanagerPaths.resource) ?? '') as GeneratedRouting['resource'],
  };
}
