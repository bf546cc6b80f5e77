/**
 * Where the service reads its catalogs: one compiled file (`path`, the default), or discovered catalogs:
 * every `*.json` file of a directory and/or the labelled ConfigMaps of some (or all) Kubernetes namespaces.
 * With any discovery configured, `path` is not read: the discovered sources are the whole catalog.
 */
import { z } from 'zod';
import { CATALOG_CONFIGMAP_KEY, CATALOG_CONFIGMAP_LABEL } from '../../core/conventions/catalog-bundle.js';

const namespaceName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'expected a Kubernetes namespace name');

export const kubernetesCatalogSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** Namespaces to read ConfigMaps from; empty: all namespaces (needs a ClusterRole). */
    namespaces: z.array(namespaceName).default([]),
    /** A kubeconfig file; without it the in-cluster service account (token + CA) is used. */
    kubeconfig: z.string().min(1).optional(),
    labelSelector: z.string().min(1).default(`${CATALOG_CONFIGMAP_LABEL}=true`),
    /** The data key holding the compiled catalog JSON. */
    key: z.string().min(1).default(CATALOG_CONFIGMAP_KEY),
  })
  .prefault({});

export const catalogConfigSchema = z
  .strictObject({
    path: z.string().default('alerts/catalog.json'),
    /** Reload when the file changes (SIGHUP always reloads); with discovery, watch the directory. */
    watch: z.boolean().default(true),
    /** A directory of compiled catalogs (`*.json`), one per team or service. */
    directory: z.string().min(1).optional(),
    kubernetes: kubernetesCatalogSchema,
  })
  .prefault({});

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;

/** Whether catalogs are discovered (directory or Kubernetes) rather than read from the one `path`. */
export const discoversCatalogs = (config: CatalogConfig): boolean => config.directory !== undefined || config.kubernetes.enabled;
