/**
 * The catalog in use when catalogs are discovered (a directory and/or Kubernetes ConfigMaps): the merge of
 * every source's catalogs, rebuilt whenever a source changes. Looks to the service like CatalogHolder.
 * Conflicts and source states are exported as `burnrate_catalog_conflicts` and `burnrate_catalog_sources{state}`.
 */
import { Gauge, type Registry } from 'prom-client';
import { SERVICE_METRICS } from '../../core/conventions/metrics.js';
import type { CatalogConfig } from '../config/catalog-config.js';
import type { Logger } from '../telemetry/logger.js';
import type { CatalogHolderOptions } from './catalog-holder.js';
import type { LoadedCatalog } from './load-catalog.js';
import { mergeCatalogs } from './merge-catalogs.js';
import { DirectorySource } from './sources/directory-source.js';
import { KubernetesSource } from './sources/kubernetes-source.js';
import type { CatalogSource } from './sources/source-entries.js';

/** What the service needs of the catalog, whether one file or discovered. */
export interface CatalogProvider {
  readonly current: LoadedCatalog;
  load(): Promise<LoadedCatalog>;
  reload(): Promise<boolean>;
  watch(): () => void;
}

export interface DiscoveredCatalogsOptions extends Omit<CatalogHolderOptions, 'file' | 'logger'> {
  config: CatalogConfig;
  logger?: Pick<Logger, 'debug' | 'info' | 'warn'>;
  registry?: Registry;
  debounceMs?: number;
}

export class DiscoveredCatalogs implements CatalogProvider {
  readonly #sources: CatalogSource[] = [];
  #current: LoadedCatalog | undefined;
  #loaded = false;
  #pending: Promise<void> = Promise.resolve();
  readonly #conflicts?: Gauge;
  readonly #states?: Gauge<'state'>;

  constructor(private readonly options: DiscoveredCatalogsOptions) {
    const { config, clock, logger, debounceMs } = options;
    const onChange = () => void this.#refresh();
    const onFailed = (error: Error) => options.onFailed?.(error);
    if (config.directory !== undefined) {
      this.#sources.push(new DirectorySource({ directory: config.directory, clock, onChange, onFailed, ...(debounceMs !== undefined ? { debounceMs } : {}), ...(logger ? { logger } : {}) }));
    }
    if (config.kubernetes.enabled) {
      const { namespaces, kubeconfig, labelSelector, key } = config.kubernetes;
      this.#sources.push(new KubernetesSource({ namespaces, labelSelector, key, clock, onChange, onFailed, ...(kubeconfig ? { kubeconfig } : {}), ...(logger ? { logger } : {}) }));
    }
    if (options.registry) {
      this.#conflicts = new Gauge({ name: SERVICE_METRICS.catalogConflicts, help: 'SLO ids defined by more than one discovered catalog source, refused until only one defines them', registers: [options.registry] });
      this.#states = new Gauge({ name: SERVICE_METRICS.catalogSources, help: 'Discovered catalog sources by state (ok, stale: broken but its last good catalog serves, failed: broken)', labelNames: ['state'], registers: [options.registry] });
    }
  }

  get current(): LoadedCatalog {
    if (!this.#current) throw new Error('catalog not loaded');
    return this.#current;
  }

  async load(): Promise<LoadedCatalog> {
    for (const source of this.#sources) await source.load();
    this.#loaded = true;
    await this.#refresh();
    return this.current;
  }

  async reload(): Promise<boolean> {
    for (const source of this.#sources) await source.reload();
    await this.#refresh();
    return true;
  }

  watch(): () => void {
    const stops = this.#sources.map((source) => source.watch());
    return () => stops.forEach((stop) => stop());
  }

  /** Rebuilds the merge, one at a time; the catalog only counts as reloaded when its version changed. */
  #refresh(): Promise<void> {
    this.#pending = this.#pending.then(() => this.#merge()).catch((error: Error) => this.options.logger?.warn({ err: error }, 'merging the discovered catalogs failed'));
    return this.#pending;
  }

  async #merge(): Promise<void> {
    if (!this.#loaded) return;
    const merged = mergeCatalogs(this.#sources.flatMap((s) => s.entries()), this.options.clock());
    const previous = this.#current;
    const before = new Set((previous?.conflicts ?? []).map((c) => `${c.id}\0${c.sources.join(',')}`));
    for (const conflict of merged.conflicts ?? []) {
      if (!before.has(`${conflict.id}\0${conflict.sources.join(',')}`)) {
        this.options.logger?.warn({ slo: conflict.id, sources: conflict.sources }, 'SLO id defined by several catalog sources: refused in all of them until only one defines it');
      }
    }
    this.#conflicts?.set(merged.conflicts?.length ?? 0);
    if (this.#states) {
      for (const state of ['ok', 'stale', 'failed'] as const) this.#states.set({ state }, (merged.sources ?? []).filter((s) => s.state === state).length);
    }
    if (previous && previous.version === merged.version) {
      // Same SLOs served; only a source's state changed: keep the load time, refresh what the API reports.
      this.#current = Object.freeze({ ...merged, loadedAt: previous.loadedAt });
      return;
    }
    this.#current = merged;
    await this.options.onLoaded?.(merged, previous);
  }
}
