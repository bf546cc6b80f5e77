/**
 * Composition root of `burnrate up`: Prometheus with the generated rules, the synthetic workload it
 * scrapes, and the service on embedded SQLite querying that Prometheus, all on 127.0.0.1.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalog } from '../service/catalog/load-catalog.js';
import { configSchema } from '../service/config/config-schema.js';
import { startService, type RunningService } from '../service/server/start-service.js';
import { createLogger } from '../service/telemetry/logger.js';
import { startLocalPrometheus, type LocalPrometheus } from '../stack/local-prometheus.js';
import { pickPort } from '../stack/pick-port.js';
import { startWorkload, type RunningWorkload } from '../stack/workload-exporter.js';

export interface LocalStackOptions {
  catalogFile: string;
  ruleFiles: string[];
  dataDir: string;
  ports: { service: number; prometheus: number; workload: number };
  evaluationIntervalSeconds: number;
}

export interface LocalStack {
  service: RunningService;
  prometheus: LocalPrometheus;
  workload: RunningWorkload;
  serviceLog: string;
  skipped: { slo: string; reason: string }[];
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  await mkdir(options.dataDir, { recursive: true });
  const catalog = await loadCatalog(options.catalogFile, new Date());
  const ports = {
    service: await pickPort(options.ports.service),
    prometheus: await pickPort(options.ports.prometheus),
    workload: await pickPort(options.ports.workload),
  };
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const prometheus = await startLocalPrometheus({
      dataDir: path.join(options.dataDir, 'prometheus'),
      port: ports.prometheus,
      ruleFiles: options.ruleFiles.map((f) => path.resolve(f)),
      targets: [
        { job: 'burnrate-workload', address: `127.0.0.1:${ports.workload}`, honorLabels: true },
        { job: 'burnrate', address: `127.0.0.1:${ports.service}` },
      ],
      evaluationIntervalSeconds: options.evaluationIntervalSeconds,
    });
    stops.push(prometheus.stop);
    const serviceLog = path.join(options.dataDir, 'service.log');
    const logStream = createWriteStream(serviceLog, { flags: 'a' });
    const config = configSchema.parse({
      server: { host: '127.0.0.1', port: ports.service },
      catalog: { path: options.catalogFile },
      clusters: [{ name: 'local', url: prometheus.url }],
      evaluation: { interval: options.evaluationIntervalSeconds },
      store: { sqlitePath: path.join(options.dataDir, 'burnrate.db') },
    });
    const service = await startService({ config, logger: createLogger('info', logStream) });
    stops.push(async () => {
      await service.close();
      logStream.end();
    });
    const workload = await startWorkload({ slos: catalog.slos, port: ports.workload, otlpTracesUrl: `${service.url}/v1/traces` });
    stops.push(workload.stop);
    const skipped = workload.plan.flatMap((p) => (p.kind === 'skipped' ? [{ slo: p.slo.id, reason: p.reason }] : []));
    return { service, prometheus, workload, serviceLog, skipped, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
