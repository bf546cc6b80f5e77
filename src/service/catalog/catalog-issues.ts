/**
 * Schema issues as an operator reads them: `slos.3.runbookUrl` alone makes them count SLOs in a
 * generated file, so an issue inside an SLO also names the SLO's id when the file has one.
 */
import type { z } from 'zod';

function sloId(json: unknown, index: number): string | undefined {
  const slos = (json as { slos?: unknown } | null)?.slos;
  const id = Array.isArray(slos) ? (slos[index] as { id?: unknown } | null)?.id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export function describeIssue(issue: z.core.$ZodIssue, json: unknown): string {
  const field = issue.path.join('.') || '(top level)';
  const [top, index] = issue.path;
  const id = top === 'slos' && typeof index === 'number' ? sloId(json, index) : undefined;
  return id ? `${field} (SLO "${id}"): ${issue.message}` : `${field}: ${issue.message}`;
}
