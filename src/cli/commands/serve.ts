/** `burnrate serve`: runs the error-budget service until SIGINT/SIGTERM; SIGHUP reloads the catalog. */
import type { Command } from 'commander';
import { EXIT, ExitError } from '../exit-codes.js';

interface ServeOptions {
  config?: string;
  port?: string;
  host?: string;
  catalog?: string;
}

/** Resolves with the signal that asked the process to stop. */
export function untilStopped(onReload?: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop).off('SIGTERM', stop).off('SIGHUP', reload);
      resolve(signal);
    };
    const reload = () => onReload?.();
    process.on('SIGINT', stop).on('SIGTERM', stop).on('SIGHUP', reload);
  });
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the error-budget service: collectors, budget engine, history store, API, /metrics and the OTLP span receiver')
    .option('-c, --config <file>', 'YAML configuration file (default: $BURNRATE_CONFIG)')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 8080)')
    .option('--host <host>', 'address to listen on (default: 0.0.0.0)')
    .option('--catalog <file>', 'compiled catalog (default: $BURNRATE_CATALOG or alerts/catalog.json)')
    .action(async (options: ServeOptions) => {
      // Loaded here, not at the top: every other command starts faster without Fastify and OpenTelemetry.
      const [{ ConfigError, loadConfig }, { startService }, { startOtel }] = await Promise.all([
        import('../../service/config/load-config.js'),
        import('../../service/server/start-service.js'),
        import('../../service/telemetry/otel-sdk.js'),
      ]);
      const env: Record<string, string | undefined> = { ...process.env };
      if (options.port !== undefined) env.PORT = options.port;
      if (options.host !== undefined) env.HOST = options.host;
      if (options.catalog !== undefined) env.BURNRATE_CATALOG = options.catalog;
      let config;
      try {
        config = loadConfig(env, options.config ?? env.BURNRATE_CONFIG);
      } catch (error) {
        if (error instanceof ConfigError) throw new ExitError(EXIT.invalid, `burnrate serve: ${error.message}`);
        throw error;
      }
      const otel = startOtel(env);
      let service;
      try {
        service = await startService({ config });
      } catch (error) {
        await otel?.shutdown();
        throw new ExitError(EXIT.invalid, `burnrate serve: ${(error as Error).message}`);
      }
      process.stderr.write(`burnrate service listening on ${service.url} (API /api/v1/slos, docs /docs, metrics /metrics)\n`);
      const signal = await untilStopped(() => void service.catalog.reload());
      service.app.log.info({ signal }, 'stopping');
      await service.close();
      await otel?.shutdown();
    });
}
