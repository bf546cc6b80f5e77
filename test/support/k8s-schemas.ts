/**
 * Validates rendered objects against the Kubernetes and prometheus-operator OpenAPI schemas
 * (kubernetes-models and @kubernetes-models/prometheus-operator ship them with validators).
 */
type Validatable = { validate(): void };
type ModelClass = new (data: unknown) => Validatable;
type ModelModule = Record<string, unknown>;

const MODULES: Record<string, () => Promise<ModelModule>> = {
  v1: () => import('kubernetes-models/v1'),
  'apps/v1': () => import('kubernetes-models/apps/v1'),
  'policy/v1': () => import('kubernetes-models/policy/v1'),
  'networking.k8s.io/v1': () => import('kubernetes-models/networking.k8s.io/v1'),
  'autoscaling/v2': () => import('kubernetes-models/autoscaling/v2'),
  'monitoring.coreos.com/v1': () => import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1'),
  'monitoring.coreos.com/v1alpha1': () => import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1'),
};

/** Returns the schema violations of one object, or undefined when it is valid. Unknown kinds are an error. */
export async function schemaProblems(object: { apiVersion: string; kind: string; metadata?: { name?: string } }): Promise<string | undefined> {
  const load = MODULES[object.apiVersion];
  const where = `${object.apiVersion}/${object.kind} ${object.metadata?.name ?? '?'}`;
  if (!load) return `${where}: no schema known for apiVersion ${object.apiVersion}`;
  const module = await load();
  const Model = module[object.kind] as ModelClass | undefined;
  if (!Model) return `${where}: no schema known for kind ${object.kind}`;
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return `${where}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
