/**
 * The one edge where configuration enters: an optional YAML file (BURNRATE_CONFIG) overlaid with
 * environment variables, validated once. Errors name the file or variable and the field.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configSchema, type ServiceConfig } from './config-schema.js';

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message);
  }
}

type Env = Record<string, string | undefined>;
type Raw = Record<string, unknown>;

/** Environment variables and the config field each one sets. */
const ENV_FIELDS: { name: string; path: string[]; parse: (v: string) => unknown }[] = [
  { name: 'PORT', path: ['server', 'port'], parse: (v) => (/^\d+$/.test(v) ? Number(v) : v) },
  { name: 'HOST', path: ['server', 'host'], parse: (v) => v },
  { name: 'DATABASE_URL', path: ['store', 'databaseUrl'], parse: (v) => v },
  { name: 'BURNRATE_SQLITE_PATH', path: ['store', 'sqlitePath'], parse: (v) => v },
  { name: 'BURNRATE_CATALOG', path: ['catalog', 'path'], parse: (v) => v },
  { name: 'BURNRATE_EVALUATION_INTERVAL', path: ['evaluation', 'interval'], parse: (v) => v },
  { name: 'BURNRATE_OTLP_BEARER_TOKEN_FILE', path: ['otlp', 'bearerTokenFile'], parse: (v) => v },
  // Operators type LOG_LEVEL=DEBUG as often as debug; pino's level names are lowercase.
  { name: 'LOG_LEVEL', path: ['log', 'level'], parse: (v) => v.trim().toLowerCase() },
];

function setPath(target: Raw, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (next && typeof next === 'object' ? next : (node[key] = {})) as Raw;
  }
  node[path[path.length - 1] as string] = value;
}

function readFile(file: string): Raw {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`config ${file}: cannot read: ${(error as Error).message}`, []);
  }
  try {
    const parsed: unknown = parseYaml(text) ?? {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected a mapping at the top level');
    return parsed as Raw;
  } catch (error) {
    throw new ConfigError(`config ${file}: invalid YAML: ${(error as Error).message}`, []);
  }
}

function describeIssue(issue: z.core.$ZodIssue, source: string, envByPath: Map<string, string>): string {
  const field = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
  const env = envByPath.get(issue.path.join('.'));
  const where = env ? `${env} (${field})` : `${source}: ${field || '(top level)'}`;
  return `${where}: ${issue.message}`;
}

/** Reads BURNRATE_CONFIG (when set) and the environment; throws ConfigError naming every bad field. */
export function loadConfig(env: Env = process.env, file = env.BURNRATE_CONFIG): ServiceConfig {
  const raw: Raw = file ? readFile(file) : {};
  const envByPath = new Map<string, string>();
  for (const { name, path, parse } of ENV_FIELDS) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setPath(raw, path, parse(value));
    envByPath.set(path.join('.'), name);
  }
  // A single cluster straight from the environment, for quick starts without a file.
  if (env.BURNRATE_PROMETHEUS_URL && !raw.clusters) {
    raw.clusters = [{ name: env.BURNRATE_CLUSTER_NAME ?? 'default', url: env.BURNRATE_PROMETHEUS_URL }];
    envByPath.set('clusters.0.url', 'BURNRATE_PROMETHEUS_URL');
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const source = file ? `config ${file}` : 'config';
    const issues = result.error.issues.map((issue) => describeIssue(issue, source, envByPath));
    throw new ConfigError(`invalid configuration:\n  ${issues.join('\n  ')}`, issues);
  }
  return result.data;
}
