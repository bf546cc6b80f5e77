/**
 * Holds the catalog in use and swaps it on reload (SIGHUP or a file change). A bad new catalog never
 * replaces a good one: the old one stays and the failure is reported.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { loadCatalog, type LoadedCatalog } from './load-catalog.js';

export interface CatalogHolderOptions {
  file: string;
  clock: () => Date;
  /** Called after a catalog (the first one included) became current. */
  onLoaded?: (catalog: LoadedCatalog, previous: LoadedCatalog | undefined) => void | Promise<void>;
  /** Called when a reload failed and the previous catalog stays. */
  onFailed?: (error: Error) => void;
}

export class CatalogHolder {
  #current: LoadedCatalog | undefined;
  #pending: Promise<boolean> = Promise.resolve(true);

  constructor(private readonly options: CatalogHolderOptions) {}

  /** The catalog in use; throws before the first successful load. */
  get current(): LoadedCatalog {
    if (!this.#current) throw new Error('catalog not loaded');
    return this.#current;
  }

  /** First load: a broken catalog at start-up is fatal, so this throws. */
  async load(): Promise<LoadedCatalog> {
    const catalog = await loadCatalog(this.options.file, this.options.clock());
    await this.#swap(catalog);
    return catalog;
  }

  /** Reloads one at a time; resolves false (old catalog kept) when the new file is bad. */
  reload(): Promise<boolean> {
    this.#pending = this.#pending.then(async () => {
      try {
        const catalog = await loadCatalog(this.options.file, this.options.clock());
        if (this.#current && catalog.version === this.#current.version) return true;
        await this.#swap(catalog);
        return true;
      } catch (error) {
        this.options.onFailed?.(error as Error);
        return false;
      }
    });
    return this.#pending;
  }

  /**
   * Watches the catalog's directory and reloads once the writes settle. The directory, not the file:
   * generators rename files into place, and a Kubernetes ConfigMap update swaps the `..data` symlink the
   * file points through, neither of which a watch on the file itself reports. Any event triggers a
   * reload; an unchanged version is a no-op.
   */
  watch(debounceMs = 250): () => void {
    const dir = path.dirname(path.resolve(this.options.file));
    let timer: NodeJS.Timeout | undefined;
    const watcher: FSWatcher = watch(dir, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.reload(), debounceMs);
    });
    watcher.on('error', (error) => this.options.onFailed?.(error));
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }

  async #swap(catalog: LoadedCatalog): Promise<void> {
    const previous = this.#current;
    this.#current = catalog;
    await this.options.onLoaded?.(catalog, previous);
  }
}
