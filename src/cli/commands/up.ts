/** `burnrate up`: the local stack on one machine until Ctrl-C (SIGINT/SIGTERM stop everything cleanly). */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { EXIT, ExitError } from '../exit-codes.js';
import { untilStopped } from './serve.js';

interface UpOptions {
  catalog: string;
  rules: string;
  dataDir: string;
  port: string;
  prometheusPort: string;
  workloadPort: string;
  interval: string;
}

function ruleFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.rules.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
}

function port(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new ExitError(EXIT.usage, `burnrate up: ${name} must be a port number, got "${text}"`);
  return value;
}

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('run the local stack: Prometheus with the generated rules, a synthetic workload for the catalog, and the service (run `burnrate generate` first)')
    .option('--catalog <file>', 'compiled catalog', 'alerts/catalog.json')
    .option('--rules <dir>', 'directory of generated *.rules.yaml', 'alerts/prometheus')
    .option('--data-dir <dir>', 'where Prometheus data, the SQLite database and logs go', '.burnrate/stack')
    .option('-p, --port <port>', 'service port (a free one when taken)', '8080')
    .option('--prometheus-port <port>', 'Prometheus port (a free one when taken)', '9090')
    .option('--workload-port <port>', 'synthetic workload port (a free one when taken)', '9464')
    .option('--interval <seconds>', 'evaluation interval of the rules and the service', '15')
    .action(async (options: UpOptions) => {
      const { startLocalStack } = await import('../local-stack.js');
      const rules = ruleFiles(options.rules);
      if (!existsSync(options.catalog) || rules.length === 0) {
        throw new ExitError(EXIT.invalid, `burnrate up: ${options.catalog} or ${options.rules}/*.rules.yaml missing; run \`burnrate generate\` first`);
      }
      const stack = await startLocalStack({
        catalogFile: options.catalog,
        ruleFiles: rules,
        dataDir: options.dataDir,
        ports: { service: port('--port', options.port), prometheus: port('--prometheus-port', options.prometheusPort), workload: port('--workload-port', options.workloadPort) },
        evaluationIntervalSeconds: Math.max(1, Number(options.interval) || 15),
      }).catch((error: Error) => {
        throw new ExitError(EXIT.invalid, `burnrate up: ${error.message}`);
      });
      const out = (line = '') => process.stdout.write(`${line}\n`);
      out('burnrate local stack is up:');
      out(`  status page       ${stack.service.url}/`);
      out(`  SLOs and budgets  ${stack.service.url}/api/v1/slos`);
      out(`  API docs          ${stack.service.url}/docs`);
      out(`  service metrics   ${stack.service.url}/metrics`);
      out(`  Prometheus        ${stack.prometheus.url}  (try: burnrate:slo_error_budget_remaining_ratio)`);
      out(`  workload          ${stack.workload.url}/metrics  (an incident every few minutes)`);
      out(`  logs and data     ${path.resolve(options.dataDir)}`);
      for (const s of stack.skipped) out(`  note: no synthetic traffic for ${s.slo}: ${s.reason}`);
      out('Budgets appear after the first scrapes and rule evaluations (about a minute). Press Ctrl-C to stop.');
      const crashed = stack.prometheus.exited.then((code) => `prometheus exited (${code}); see ${stack.prometheus.logFile}`);
      const reason = await Promise.race([untilStopped(() => void stack.service.catalog.reload()), crashed]);
      out(`stopping (${reason})…`);
      await stack.stop();
      out('stopped.');
      if (reason.startsWith('prometheus')) throw new ExitError(EXIT.invalid);
    });
}
