import type { Slo } from '../../core/model/slo.js';

/** SLOs per service, services in name order: the unit generate splits its work by. */
export function byService(slos: readonly Slo[]): Map<string, Slo[]> {
  const services = new Map<string, Slo[]>();
  for (const slo of slos) {
    const list = services.get(slo.service);
    if (list) list.push(slo);
    else services.set(slo.service, [slo]);
  }
  return new Map([...services.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
