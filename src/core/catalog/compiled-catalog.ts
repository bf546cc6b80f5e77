/**
 * The compiled catalog (alerts/catalog.json): the validated model as JSON, written by the toolkit and read
 * by the service without TypeScript. Its format is the contract between the two pipes, so it lives here.
 */
import type { Slo } from '../model/slo.js';

export const CATALOG_API_VERSION = 'burnrate.dev/v1';

/** One alert window as the rules use it, with durations written as text ("1h", "5m"). */
export interface CatalogAlertWindow {
  tier: string;
  speed: string;
  longWindow: string;
  shortWindow: string;
  factor: number;
}

export type CatalogSlo = Slo & { alertWindows: CatalogAlertWindow[] };

export interface CompiledCatalog {
  apiVersion: typeof CATALOG_API_VERSION;
  kind: 'Catalog';
  generatedBy: string;
  /** Content hash of the SLOs: the catalog version the service records. */
  version: string;
  slos: CatalogSlo[];
}
