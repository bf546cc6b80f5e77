/** What happens when a catalog becomes current or a reload fails: metrics, span matchers, store, logs. */
import type { CatalogHolderOptions } from '../catalog/catalog-holder.js';
import type { SpanCounter } from '../otlp/span-counter.js';
import type { SnapshotStore } from '../store/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { ServiceMetrics } from '../telemetry/service-metrics.js';

export function catalogListener(deps: {
  metrics: ServiceMetrics;
  spans: SpanCounter;
  store: Pick<SnapshotStore, 'recordCatalogVersion'>;
  logger: Logger;
  /** Called after a reload swapped the catalog (not on the first load). */
  onChanged: () => void;
}): Pick<CatalogHolderOptions, 'onLoaded' | 'onFailed'> {
  const { metrics, spans, store, logger } = deps;
  return {
    async onLoaded(catalog, previous) {
      metrics.catalogInfo.reset();
      metrics.catalogInfo.set({ version: catalog.version }, 1);
      metrics.catalogSlos.set(catalog.slos.length);
      metrics.catalogLastReload.set(catalog.loadedAt.getTime() / 1000);
      spans.setCatalog(catalog.slos);
      try {
        await store.recordCatalogVersion({ version: catalog.version, sloCount: catalog.slos.length, loadedAt: catalog.loadedAt });
      } catch (error) {
        logger.error({ err: error }, 'could not record the catalog version in the store');
      }
      logger.info({ version: catalog.version, previous: previous?.version, slos: catalog.slos.length, source: catalog.source }, previous ? 'catalog reloaded' : 'catalog loaded');
      if (previous) deps.onChanged();
    },
    onFailed(error) {
      metrics.catalogReloadFailures.inc();
      logger.error({ err: error }, 'catalog reload rejected; the previous catalog stays in use');
    },
  };
}
