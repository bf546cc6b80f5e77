/**
 * The catalogs of one discovery source (a directory, or the ConfigMaps of Kubernetes), by name. A broken new
 * content never replaces the last good one of the same name: that one keeps serving ("stale") and the
 * failure is reported; a name never loaded successfully serves nothing ("failed"). A removed name is dropped.
 */
import { createHash } from 'node:crypto';
import { parseCatalog, type CatalogSourceInfo, type LoadedCatalog } from '../load-catalog.js';

export interface SourceEntry {
  name: string;
  kind: CatalogSourceInfo['kind'];
  /** The last good catalog of this name. */
  catalog?: LoadedCatalog;
  /** Hash of the bytes of `catalog`: the content, not the version field, decides what changed. */
  hash?: string;
  error?: string;
  rejectedHash?: string;
}

/** What the merge reads from every source. */
export interface CatalogSource {
  /** First read (scan or list); throws when the source cannot be read at all. */
  load(): Promise<void>;
  /** Reads again (SIGHUP). */
  reload(): Promise<void>;
  /** Follows changes until the returned function is called. */
  watch(): () => void;
  entries(): readonly SourceEntry[];
}

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function stateOf(entry: SourceEntry): CatalogSourceInfo['state'] {
  if (entry.error === undefined) return 'ok';
  return entry.catalog ? 'stale' : 'failed';
}

export class SourceEntries {
  readonly #entries = new Map<string, SourceEntry>();

  constructor(
    private readonly kind: CatalogSourceInfo['kind'],
    private readonly clock: () => Date,
    private readonly onFailed: (error: Error) => void,
  ) {}

  /** Sets the content of a name; true when what it serves or reports changed. */
  set(name: string, bytes: Buffer): boolean {
    const entry = this.#entries.get(name) ?? { name, kind: this.kind };
    this.#entries.set(name, entry);
    const hash = hashOf(bytes);
    if (hash === entry.hash && entry.error === undefined) return false;
    if (hash === entry.rejectedHash) return false;
    try {
      entry.catalog = parseCatalog(bytes, `${this.kind} ${name}`, this.clock());
      entry.hash = hash;
      delete entry.error;
      delete entry.rejectedHash;
    } catch (error) {
      entry.error = (error as Error).message;
      entry.rejectedHash = hash;
      this.onFailed(error as Error);
    }
    return true;
  }

  /** Reports a name whose content cannot be read (e.g. a ConfigMap without the catalog key). */
  fail(name: string, message: string): boolean {
    const entry = this.#entries.get(name) ?? { name, kind: this.kind };
    this.#entries.set(name, entry);
    if (entry.error === message) return false;
    entry.error = message;
    delete entry.rejectedHash;
    this.onFailed(new Error(message));
    return true;
  }

  delete(name: string): boolean {
    return this.#entries.delete(name);
  }

  names(): string[] {
    return [...this.#entries.keys()];
  }

  list(): readonly SourceEntry[] {
    return [...this.#entries.values()];
  }
}
