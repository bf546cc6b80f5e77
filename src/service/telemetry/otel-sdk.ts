/**
 * OpenTelemetry for the service's own traces, configured by the standard OTEL_* variables and OFF unless an
 * exporter endpoint or OTEL_TRACES_EXPORTER is set. Metrics stay on /metrics (prom-client) unless
 * OTEL_METRICS_EXPORTER asks for more; logs go to stdout as JSON with trace ids.
 */
import { NodeSDK } from '@opentelemetry/sdk-node';

type Env = Record<string, string | undefined>;

export function otelEnabled(env: Env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || exporter);
}

export interface Otel {
  shutdown(): Promise<void>;
}

/** Starts the SDK when enabled; call before the server is built so its tracer is the real one. */
export function startOtel(env: Env = process.env): Otel | undefined {
  if (!otelEnabled(env)) return undefined;
  const sdk = new NodeSDK({
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: 'burnrate' }),
    instrumentations: [],
    ...(env.OTEL_METRICS_EXPORTER ? {} : { metricReaders: [] }),
    ...(env.OTEL_LOGS_EXPORTER ? {} : { logRecordProcessors: [] }),
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
