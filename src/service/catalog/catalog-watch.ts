/**
 * Watches the catalog file through its directory and calls back once a burst of changes settles.
 *
 * The directory, not the file: generators rename files into place, and a Kubernetes ConfigMap update
 * swaps the `..data` symlink the file points through; a watch on the file itself reports neither. But
 * only events naming the catalog or `..data` count: a log file or editor swap file written next to the
 * catalog must not reload it several times a second.
 */
import { watch } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../telemetry/logger.js';

/** The symlink the kubelet swaps atomically when a ConfigMap or Secret volume changes. */
const KUBERNETES_DATA_LINK = '..data';

export interface CatalogWatchOptions {
  debounceMs: number;
  onChange: () => void;
  onError: (error: Error) => void;
  logger?: Pick<Logger, 'debug'>;
}

/** Whether a directory event may have changed the catalog; a missing name (some platforms) may have. */
export function concernsCatalog(file: string, name: string | null): boolean {
  return name === null || name === path.basename(file) || name === KUBERNETES_DATA_LINK;
}

export function watchCatalogFile(file: string, options: CatalogWatchOptions): () => void {
  const dir = path.dirname(path.resolve(file));
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, (event, name) => {
    if (!concernsCatalog(file, name)) return;
    options.logger?.debug({ event, name, file }, 'catalog watch event');
    // Trailing debounce: writers often truncate, write and rename in several steps; reload once they stop.
    clearTimeout(timer);
    timer = setTimeout(options.onChange, options.debounceMs);
  });
  watcher.on('error', options.onError);
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
