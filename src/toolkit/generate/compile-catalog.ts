/** The compiled catalog: the validated model as JSON, which the service loads without TypeScript. */
import { createHash } from 'node:crypto';
import { formatDuration } from '../../core/model/duration.js';
import type { Slo } from '../../core/model/slo.js';
import { sloAlertWindows } from './prometheus/rule-groups.js';
import { GENERATED_MARKER } from './header.js';

export const CATALOG_API_VERSION = 'burnrate.dev/v1';

export interface CatalogAlertWindow {
  tier: string;
  speed: string;
  longWindow: string;
  shortWindow: string;
  factor: number;
}

export interface CompiledCatalog {
  apiVersion: typeof CATALOG_API_VERSION;
  kind: 'Catalog';
  generatedBy: string;
  /** Content hash of the SLOs: the catalog version the service records. */
  version: string;
  slos: (Slo & { alertWindows: CatalogAlertWindow[] })[];
}

export function compileCatalog(slos: readonly Slo[]): CompiledCatalog {
  const entries = slos.map((slo) => ({
    ...slo,
    alertWindows: sloAlertWindows(slo).map((w) => ({
      tier: w.tier,
      speed: w.speed,
      longWindow: formatDuration(w.longWindowMs),
      shortWindow: formatDuration(w.shortWindowMs),
      factor: w.factor,
    })),
  }));
  const version = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
  return {
    apiVersion: CATALOG_API_VERSION,
    kind: 'Catalog',
    generatedBy: `${GENERATED_MARKER}. Do not edit: change the definitions and run \`burnrate generate\`.`,
    version,
    slos: entries,
  };
}

export function renderCatalog(slos: readonly Slo[]): string {
  return `${JSON.stringify(compileCatalog(slos), null, 2)}\n`;
}
