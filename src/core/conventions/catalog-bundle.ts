/**
 * How a GitOps bundle publishes a service's compiled catalog to the cluster, and how the service discovers it:
 * a ConfigMap carrying this label (value "true") holds the catalog JSON under this data key.
 */
export const CATALOG_CONFIGMAP_LABEL = 'burnrate.dev/catalog';
export const CATALOG_CONFIGMAP_KEY = 'catalog.json';
