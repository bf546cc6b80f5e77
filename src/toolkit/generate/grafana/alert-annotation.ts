/** Firing Burnrate alerts of the service (its SLOs' alert names) as an annotation on every graph. */
import { AnnotationQueryBuilder, PromQuery } from './sdk.js';
import { SERVICE_LABEL, SEVERITY_LABEL, SLO_LABEL, TIER_LABEL } from '../../../core/conventions/metrics.js';
import type { Slo } from '../../../core/model/slo.js';
import { PROMETHEUS, VARIABLES, variableRef } from './datasources.js';
import { firingAlertsSelector } from './promql.js';

const STEP = '60s';

export function alertsExpr(slos: readonly Slo[]): string {
  return firingAlertsSelector(slos, {
    [SERVICE_LABEL]: variableRef(VARIABLES.service),
    [SLO_LABEL]: { regex: variableRef(VARIABLES.slo) },
  });
}

/**
 * Grafana 10.0 reads the top-level `expr`/`step`; later versions move them into `target`. Both are written,
 * with the same query, so every version shows the same annotations.
 */
export function alertAnnotation(slos: readonly Slo[]): AnnotationQueryBuilder {
  const expr = alertsExpr(slos);
  return new AnnotationQueryBuilder()
    .name('SLO alerts')
    .datasource(PROMETHEUS)
    .enable(true)
    .iconColor('red')
    .expr(expr)
    .step(STEP)
    .target(new PromQuery().refId('Anno').expr(expr).interval(STEP))
    .titleFormat('{{alertname}}')
    .textFormat(`{{${SLO_LABEL}}} {{${TIER_LABEL}}} ${SEVERITY_LABEL}={{${SEVERITY_LABEL}}}`)
    .tagKeys([SLO_LABEL, TIER_LABEL, SEVERITY_LABEL].join(','));
}
