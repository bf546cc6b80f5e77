/** Starts the real service (real store on SQLite, real engine) on a free 127.0.0.1 port for a test. */
import path from 'node:path';
import { pino, type Logger } from 'pino';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog.js';
import { configSchema, type ServiceConfig } from '../../../src/service/config/config-schema.js';
import { startService, type RunningService } from '../../../src/service/server/start-service.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { writeCatalog } from './test-catalog.js';

export interface Harness {
  service: RunningService;
  dir: string;
  catalogFile: string;
  /** The injected clock: tests move it. */
  now: { value: Date };
  stop: () => Promise<void>;
}

export async function startHarness(
  catalog: CompiledCatalog,
  overrides: Record<string, unknown> = {},
  options: { now?: Date; schedule?: boolean; logger?: Logger; elect?: boolean; replica?: string } = {},
): Promise<Harness> {
  const temp = await makeTempDir('burnrate-service-');
  const catalogFile = path.join(temp.dir, 'catalog.json');
  await writeCatalog(catalogFile, catalog);
  const config: ServiceConfig = configSchema.parse({
    server: { host: '127.0.0.1', port: 0 },
    catalog: { path: catalogFile, watch: true },
    store: { sqlitePath: path.join(temp.dir, 'burnrate.db') },
    ...overrides,
  });
  const now = { value: options.now ?? new Date() };
  const service = await startService({ config, clock: () => now.value, logger: options.logger ?? pino({ level: 'silent' }), schedule: options.schedule ?? false, ...(options.elect ? { elect: true } : {}), ...(options.replica ? { replica: options.replica } : {}) });
  return {
    service,
    dir: temp.dir,
    catalogFile,
    now,
    stop: async () => {
      await service.close();
      await temp.remove();
    },
  };
}
