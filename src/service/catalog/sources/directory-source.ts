/**
 * Every `*.json` file directly in a directory is one catalog, named by its file name. Hidden names are
 * skipped: a ConfigMap volume keeps its `..data` link and timestamped directories there. The directory is
 * watched and rescanned once a burst of changes settles; a file's bytes decide whether it changed.
 */
import { watch } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../telemetry/logger.js';
import { CatalogError } from '../load-catalog.js';
import { SourceEntries, type CatalogSource, type SourceEntry } from './source-entries.js';

export interface DirectorySourceOptions {
  directory: string;
  clock: () => Date;
  /** Called after a rescan changed what the source serves or reports. */
  onChange: () => void;
  onFailed: (error: Error) => void;
  debounceMs?: number;
  logger?: Pick<Logger, 'debug'>;
}

export const isCatalogFile = (name: string): boolean => name.endsWith('.json') && !name.startsWith('.');

export class DirectorySource implements CatalogSource {
  readonly #entries: SourceEntries;
  #scanning: Promise<boolean> = Promise.resolve(false);

  constructor(private readonly options: DirectorySourceOptions) {
    this.#entries = new SourceEntries('file', options.clock, options.onFailed);
  }

  async load(): Promise<void> {
    await this.#scan(true);
  }

  async reload(): Promise<void> {
    if (await this.#enqueue()) this.options.onChange();
  }

  watch(): () => void {
    const { directory, logger, debounceMs = 250 } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const watcher = watch(directory, (event, name) => {
      logger?.debug({ event, name, directory }, 'catalog directory event');
      clearTimeout(timer);
      timer = setTimeout(() => void this.reload(), debounceMs);
    });
    watcher.on('error', this.options.onFailed);
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }

  entries(): readonly SourceEntry[] {
    return this.#entries.list();
  }

  /** One scan at a time; resolves whether anything changed. */
  #enqueue(): Promise<boolean> {
    this.#scanning = this.#scanning.then(() => this.#scan(false)).catch((error: Error) => {
      this.options.onFailed(error);
      return false;
    });
    return this.#scanning;
  }

  async #scan(first: boolean): Promise<boolean> {
    const { directory } = this.options;
    let names: string[];
    try {
      names = (await readdir(directory)).filter(isCatalogFile).sort();
    } catch (error) {
      // At start-up a missing directory is a configuration error; later the catalogs held keep serving.
      const wrapped = new CatalogError(`catalog directory ${directory}: cannot read: ${(error as Error).message}`);
      if (first) throw wrapped;
      this.options.onFailed(wrapped);
      return false;
    }
    let changed = false;
    for (const gone of this.#entries.names().filter((n) => !names.includes(n))) changed = this.#entries.delete(gone) || changed;
    for (const name of names) {
      let bytes: Buffer;
      try {
        bytes = await readFile(path.join(directory, name));
      } catch (error) {
        // Removed between readdir and here: the next event rescans.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          changed = this.#entries.delete(name) || changed;
          continue;
        }
        // The code only: the message names the full path, and the API shows this error.
        changed = this.#entries.fail(name, `catalog file ${name}: cannot read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`) || changed;
        continue;
      }
      changed = this.#entries.set(name, bytes) || changed;
    }
    return changed;
  }
}
