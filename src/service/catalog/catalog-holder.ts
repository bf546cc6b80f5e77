/**
 * Holds the catalog in use and swaps it on reload (SIGHUP or a file change). A bad new catalog never
 * replaces a good one: the old one stays and the failure is reported.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../telemetry/logger.js';
import { watchCatalogFile } from './catalog-watch.js';
import { parseCatalog, readCatalogFile, type LoadedCatalog } from './load-catalog.js';

export interface CatalogHolderOptions {
  file: string;
  clock: () => Date;
  /** Called after a catalog (the first one included) became current. */
  onLoaded?: (catalog: LoadedCatalog, previous: LoadedCatalog | undefined) => void | Promise<void>;
  /** Called when a reload failed and the previous catalog stays. */
  onFailed?: (error: Error) => void;
  /** Debug lines for watch events and skipped reloads; a warning for a changed file with an unchanged version. */
  logger?: Pick<Logger, 'debug' | 'warn'>;
}

/** Why a reload runs: a watch event re-reporting the same bad bytes would only repeat the last error. */
type Trigger = 'request' | 'watch';

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export class CatalogHolder {
  #current: LoadedCatalog | undefined;
  /** Hashes of the bytes in use and of the last file refused: the content decides, not the version field. */
  #currentHash: string | undefined;
  #rejectedHash: string | undefined;
  #pending: Promise<boolean> = Promise.resolve(true);

  constructor(private readonly options: CatalogHolderOptions) {}

  /** The catalog in use; throws before the first successful load. */
  get current(): LoadedCatalog {
    if (!this.#current) throw new Error('catalog not loaded');
    return this.#current;
  }

  /** First load: a broken catalog at start-up is fatal, so this throws. */
  async load(): Promise<LoadedCatalog> {
    const bytes = await readCatalogFile(this.options.file);
    const catalog = parseCatalog(bytes, this.options.file, this.options.clock());
    await this.#swap(catalog, hashOf(bytes));
    return catalog;
  }

  /** Reloads one at a time; resolves false (old catalog kept) when the new file is bad. */
  reload(trigger: Trigger = 'request'): Promise<boolean> {
    this.#pending = this.#pending.then(() => this.#reload(trigger));
    return this.#pending;
  }

  /** Watches for changes of the catalog file; see catalog-watch.ts for which events count. */
  watch(debounceMs = 250): () => void {
    const { file, logger } = this.options;
    return watchCatalogFile(file, {
      debounceMs,
      onChange: () => void this.reload('watch'),
      onError: (error) => this.options.onFailed?.(error),
      ...(logger ? { logger } : {}),
    });
  }

  async #reload(trigger: Trigger): Promise<boolean> {
    const { file, logger } = this.options;
    let hash: string | undefined;
    try {
      const bytes = await readCatalogFile(file);
      hash = hashOf(bytes);
      if (hash === this.#currentHash) {
        logger?.debug({ file, trigger }, 'catalog reload skipped: the file is unchanged');
        return true;
      }
      if (trigger === 'watch' && hash === this.#rejectedHash) {
        logger?.debug({ file }, 'catalog reload skipped: the file is the one already refused');
        return false;
      }
      const catalog = parseCatalog(bytes, file, this.options.clock());
      if (catalog.version === this.#current?.version) {
        logger?.warn({ file, version: catalog.version }, 'catalog content changed but its version did not (hand-edited?); loading it anyway');
      }
      await this.#swap(catalog, hash);
      return true;
    } catch (error) {
      this.#rejectedHash = hash;
      this.options.onFailed?.(error as Error);
      return false;
    }
  }

  async #swap(catalog: LoadedCatalog, hash: string): Promise<void> {
    const previous = this.#current;
    this.#current = catalog;
    this.#currentHash = hash;
    this.#rejectedHash = undefined;
    await this.options.onLoaded?.(catalog, previous);
  }
}
