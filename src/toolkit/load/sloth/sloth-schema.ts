/**
 * Shape of Sloth specs: the `prometheus/v1` file format (snake_case) and the Kubernetes CRD
 * `sloth.slok.dev/v1` PrometheusServiceLevel (camelCase). One builder serves both spellings, so every
 * problem names the field as the author wrote it. Strict: a misspelt field is reported, never dropped.
 */
import { z } from 'zod';

export interface SlothStyle {
  format: string;
  /** Where the spec sits in the document: "" for prometheus/v1, "spec." for the CRD. */
  prefix: string;
  errorQuery: string;
  totalQuery: string;
  /** Raw error ratio field; older Sloth releases also read the camelCase spelling in prometheus/v1. */
  errorRatioQuery: readonly string[];
  pageAlert: string;
  ticketAlert: string;
  sloPlugins: string;
}

export const SPEC_STYLE: SlothStyle = {
  format: 'Sloth prometheus/v1',
  prefix: '',
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  errorRatioQuery: ['error_ratio_query', 'errorRatioQuery'],
  pageAlert: 'page_alert',
  ticketAlert: 'ticket_alert',
  sloPlugins: 'slo_plugins',
};

export const CRD_STYLE: SlothStyle = {
  format: 'Sloth PrometheusServiceLevel',
  prefix: 'spec.',
  errorQuery: 'errorQuery',
  totalQuery: 'totalQuery',
  errorRatioQuery: ['errorRatioQuery'],
  pageAlert: 'pageAlert',
  ticketAlert: 'ticketAlert',
  sloPlugins: 'sloPlugins',
};

export type SlothLabels = Record<string, string | number | boolean>;

export interface SlothAlert {
  disable?: boolean;
  labels?: SlothLabels;
  annotations?: Record<string, string>;
}

export interface SlothAlerting {
  name?: string;
  labels?: SlothLabels;
  annotations?: Record<string, string>;
  [tierKey: string]: SlothAlert | SlothLabels | string | Record<string, string> | undefined;
}

export interface SlothSli {
  events?: Record<string, string>;
  raw?: Record<string, string | undefined>;
  plugin?: { id: string; options?: Record<string, unknown> };
}

export interface SlothSlo {
  name: string;
  objective: number;
  description?: string;
  labels?: SlothLabels;
  sli: SlothSli;
  alerting?: SlothAlerting;
  plugins?: unknown;
  interval?: unknown;
}

export interface SlothSpec {
  service: string;
  labels?: SlothLabels;
  slos: SlothSlo[];
  [pluginsKey: string]: unknown;
}

const labels = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const annotations = z.record(z.string(), z.string());

export function specSchema(style: SlothStyle) {
  const alert = z.strictObject({ disable: z.boolean().optional(), labels: labels.optional(), annotations: annotations.optional() });
  const events = z.strictObject({ [style.errorQuery]: z.string(), [style.totalQuery]: z.string() });
  const raw = z.strictObject(Object.fromEntries(style.errorRatioQuery.map((key) => [key, z.string().optional()])));
  const plugin = z.strictObject({ id: z.string(), options: z.record(z.string(), z.unknown()).optional() });
  const alerting = z.strictObject({
    name: z.string().optional(),
    labels: labels.optional(),
    annotations: annotations.optional(),
    [style.pageAlert]: alert.optional(),
    [style.ticketAlert]: alert.optional(),
  });
  const slo = z.strictObject({
    name: z.string(),
    objective: z.number(),
    description: z.string().optional(),
    labels: labels.optional(),
    sli: z.strictObject({ events: events.optional(), raw: raw.optional(), plugin: plugin.optional() }),
    alerting: alerting.optional(),
    plugins: z.unknown().optional(),
    interval: z.unknown().optional(),
  });
  return z.strictObject({ service: z.string(), labels: labels.optional(), [style.sloPlugins]: z.unknown().optional(), slos: z.array(slo) });
}

export function documentSchema(style: SlothStyle) {
  if (style === SPEC_STYLE) return specSchema(style).extend({ version: z.literal('prometheus/v1') });
  return z.strictObject({
    apiVersion: z.literal('sloth.slok.dev/v1'),
    kind: z.literal('PrometheusServiceLevel'),
    // Kubernetes envelope (name, namespace, labels): where the object lives, not what it measures.
    metadata: z.unknown().optional(),
    spec: specSchema(style),
  });
}

export function labelStrings(values: SlothLabels | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([name, value]) => [name, String(value)]));
}
