/** The `burnrate` command tree. Each command lives in commands/ and registers itself here. */
import { Command } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerDiff } from './commands/diff.js';
import { registerExport } from './commands/export.js';
import { registerGate } from './commands/gate.js';
import { registerGenerate } from './commands/generate.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerPagerDuty } from './commands/pagerduty.js';
import { registerServe } from './commands/serve.js';
import { registerUp } from './commands/up.js';
import { registerValidate } from './commands/validate.js';

export function buildProgram(): Command {
  const program = new Command('burnrate')
    .description('SLOs as code: definitions to Prometheus rules, dashboards, PagerDuty routing and an error-budget service')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerInit(program);
  registerValidate(program);
  registerGenerate(program);
  registerCheck(program);
  registerDiff(program);
  registerPagerDuty(program);
  registerExport(program);
  registerImport(program);
  registerServe(program);
  registerUp(program);
  registerGate(program);
  return program;
}
