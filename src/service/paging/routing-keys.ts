/**
 * Team → PagerDuty integration (routing) key. Keys are secrets: they live in files (Kubernetes Secrets
 * mounted as files) or environment variables, never in the repository or the database. Files are read at
 * send time, so a rotated Secret is used without a restart.
 */
import { readFile } from 'node:fs/promises';

export type RoutingKeySource = { file: string } | { env: string };

export type RoutingKeyResult = { key: string } | { error: string };

export interface RoutingKeyOptions {
  teams: Record<string, RoutingKeySource>;
  /** For teams without their own entry. */
  fallback?: RoutingKeySource;
  env?: Record<string, string | undefined>;
}

function describe(source: RoutingKeySource): string {
  return 'file' in source ? `file ${source.file}` : `environment variable ${source.env}`;
}

export class RoutingKeys {
  constructor(private readonly options: RoutingKeyOptions) {}

  /** Where the team's key comes from, or undefined when no entry (and no fallback) covers it. */
  sourceFor(team: string): RoutingKeySource | undefined {
    return Object.hasOwn(this.options.teams, team) ? this.options.teams[team] : this.options.fallback;
  }

  async keyFor(team: string): Promise<RoutingKeyResult> {
    const source = this.sourceFor(team);
    if (!source) return { error: `no routing key configured for team "${team}" (paging.routingKeys.${team} or paging.defaultRoutingKey)` };
    let text: string | undefined;
    if ('file' in source) {
      try {
        text = await readFile(source.file, 'utf8');
      } catch (error) {
        return { error: `routing key of team "${team}": cannot read ${describe(source)}: ${(error as Error).message}` };
      }
    } else {
      text = (this.options.env ?? process.env)[source.env];
    }
    const key = text?.trim() ?? '';
    return key === '' ? { error: `routing key of team "${team}": ${describe(source)} is empty or unset` } : { key };
  }
}
