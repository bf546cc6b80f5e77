/**
 * Reads the user's PagerDuty mapping (pagerduty.yaml): which Event Orchestration to manage and which
 * PagerDuty service receives each team's alerts. Account ids live here, never in the definitions.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { DEFAULT_SEVERITIES, type PagerDutyMapping } from '../generate/pagerduty-orchestration/orchestration-rules.js';

const serviceId = z.string().regex(/^[A-Z0-9]{2,20}$/, 'must be a PagerDuty id such as "PABC123"');
const severity = z.enum(['critical', 'error', 'warning', 'info']);

const mappingSchema = z
  .object({
    orchestration: z.string().regex(/^[A-Za-z0-9-]{2,64}$/, 'must be an Event Orchestration id such as "E1A2B3C"'),
    teams: z.record(z.string(), serviceId).default({}),
    services: z.record(z.string(), serviceId).default({}),
    severities: z.object({ page: severity, ticket: severity, nodata: severity, budget: severity }).partial().strict().default({}),
    catchAll: z.union([z.literal('unrouted'), serviceId]).optional(),
  })
  .strict();

export class MappingError extends Error {}

export async function loadMapping(file: string): Promise<PagerDutyMapping> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new MappingError(`${file}: cannot read the PagerDuty mapping; create it (see docs/routing.md) or pass --mapping <file>`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new MappingError(`${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = mappingSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new MappingError(lines.join('\n'));
  }
  const value = result.data;
  return {
    orchestrationId: value.orchestration,
    teams: value.teams,
    services: value.services,
    severities: { ...DEFAULT_SEVERITIES, ...value.severities },
    ...(value.catchAll !== undefined ? { catchAll: value.catchAll } : {}),
  };
}
