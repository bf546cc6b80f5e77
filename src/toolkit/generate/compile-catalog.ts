/** Compiles the validated model into the catalog format of core/catalog, which the service loads without TypeScript. */
import { createHash } from 'node:crypto';
import { formatDuration } from '../../core/model/duration.js';
import { CATALOG_API_VERSION, type CompiledCatalog } from '../../core/catalog/compiled-catalog.js';
import type { Slo } from '../../core/model/slo.js';
import { sloAlertWindows } from '../../core/windows/alert-windows.js';
import { GENERATED_MARKER } from './header.js';

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
