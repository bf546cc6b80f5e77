/**
 * The catalogs published as ConfigMaps (label `burnrate.dev/catalog=true`, JSON under `catalog.json`) in the
 * namespaces the service may read, or in all of them; each named `namespace/name`. Read with a list at
 * start-up, then followed by an informer (list + watch, relisting when the watch expires) per namespace.
 * Authenticates in-cluster (service account token and CA) or with a kubeconfig file.
 */
import { CoreV1Api, KubeConfig, makeInformer, type Informer, type V1ConfigMap, type V1ConfigMapList } from '@kubernetes/client-node';
import type { Logger } from '../../telemetry/logger.js';
import { CatalogError } from '../load-catalog.js';
import { SourceEntries, type CatalogSource, type SourceEntry } from './source-entries.js';

export interface KubernetesSourceOptions {
  /** Empty: all namespaces. */
  namespaces: readonly string[];
  kubeconfig?: string;
  labelSelector: string;
  key: string;
  clock: () => Date;
  onChange: () => void;
  onFailed: (error: Error) => void;
  logger?: Pick<Logger, 'debug' | 'warn'>;
  /** Wait before restarting a failed watch. */
  retryMs?: number;
}

export function kubeConfigFor(kubeconfig: string | undefined): KubeConfig {
  const config = new KubeConfig();
  if (kubeconfig) config.loadFromFile(kubeconfig);
  else config.loadFromCluster();
  return config;
}

const nameOf = (cm: V1ConfigMap) => `${cm.metadata?.namespace ?? ''}/${cm.metadata?.name ?? ''}`;

export class KubernetesSource implements CatalogSource {
  readonly #entries: SourceEntries;
  readonly #config: KubeConfig;
  readonly #api: CoreV1Api;

  constructor(private readonly options: KubernetesSourceOptions) {
    this.#entries = new SourceEntries('configmap', options.clock, options.onFailed);
    this.#config = kubeConfigFor(options.kubeconfig);
    this.#api = this.#config.makeApiClient(CoreV1Api);
  }

  #list(namespace: string | undefined): Promise<V1ConfigMapList> {
    const { labelSelector } = this.options;
    return namespace === undefined
      ? this.#api.listConfigMapForAllNamespaces({ labelSelector })
      : this.#api.listNamespacedConfigMap({ namespace, labelSelector });
  }

  get #scopes(): (string | undefined)[] {
    return this.options.namespaces.length > 0 ? [...this.options.namespaces] : [undefined];
  }

  async load(): Promise<void> {
    await this.#listAll();
  }

  async reload(): Promise<void> {
    try {
      if (await this.#listAll()) this.options.onChange();
    } catch (error) {
      this.options.onFailed(error as Error);
    }
  }

  async #listAll(): Promise<boolean> {
    const found: V1ConfigMap[] = [];
    for (const namespace of this.#scopes) {
      try {
        found.push(...(await this.#list(namespace)).items);
      } catch (error) {
        throw new CatalogError(`catalog ConfigMaps in ${namespace ? `namespace ${namespace}` : 'all namespaces'}: cannot list: ${(error as Error).message}`);
      }
    }
    const names = new Set(found.map(nameOf));
    let changed = false;
    for (const gone of this.#entries.names().filter((n) => !names.has(n))) changed = this.#entries.delete(gone) || changed;
    for (const cm of found) changed = this.#apply(cm) || changed;
    return changed;
  }

  #apply(cm: V1ConfigMap): boolean {
    const name = nameOf(cm);
    const json = cm.data?.[this.options.key];
    if (json === undefined) return this.#entries.fail(name, `catalog ConfigMap ${name}: no data key "${this.options.key}"`);
    return this.#entries.set(name, Buffer.from(json, 'utf8'));
  }

  watch(): () => void {
    const { labelSelector, retryMs = 5_000, logger } = this.options;
    let stopped = false;
    const timers = new Set<NodeJS.Timeout>();
    const informers: Informer<V1ConfigMap>[] = this.#scopes.map((namespace) => {
      const path = namespace === undefined ? '/api/v1/configmaps' : `/api/v1/namespaces/${namespace}/configmaps`;
      const informer = makeInformer<V1ConfigMap>(this.#config, path, () => this.#list(namespace), labelSelector);
      const changed = (cm: V1ConfigMap) => {
        logger?.debug({ configMap: nameOf(cm) }, 'catalog ConfigMap changed');
        if (this.#apply(cm)) this.options.onChange();
      };
      informer.on('add', changed);
      informer.on('update', changed);
      informer.on('delete', (cm) => {
        logger?.debug({ configMap: nameOf(cm) }, 'catalog ConfigMap deleted');
        if (this.#entries.delete(nameOf(cm))) this.options.onChange();
      });
      informer.on('error', (error: unknown) => {
        if (stopped) return;
        // The catalogs held keep serving; the informer relists (dropping what was deleted meanwhile) on restart.
        logger?.warn({ err: error, namespace: namespace ?? '(all)' }, 'watching catalog ConfigMaps failed; retrying');
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!stopped) void informer.start().catch(() => {});
        }, retryMs);
        timers.add(timer);
      });
      void informer.start().catch(() => {});
      return informer;
    });
    return () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      for (const informer of informers) void informer.stop().catch(() => {});
    };
  }

  entries(): readonly SourceEntry[] {
    return this.#entries.list();
  }
}
