/** `burnrate pagerduty plan|apply`: keep the account's Event Orchestration in step with the definitions. */
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import type { OrchestrationPlan } from '../../toolkit/pagerduty-sync/sync-orchestration.js';
import { loadAndValidate, printProblems } from '../definitions.js';
import { EXIT, ExitError } from '../exit-codes.js';

interface PagerDutyOptions {
  mapping: string;
  tokenFile?: string;
  apiUrl: string;
  retries: number;
  retryDelay: number;
  check?: boolean;
}

const DEFAULT_API_URL = 'https://api.pagerduty.com';

function wholeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError('must be a whole number, 0 or more');
  return value;
}

async function readToken(options: PagerDutyOptions): Promise<string> {
  if (options.tokenFile) {
    const token = (await readFile(options.tokenFile, 'utf8').catch(() => {
      throw new ExitError(EXIT.usage, `cannot read the token file ${options.tokenFile}`);
    })).trim();
    if (token) return token;
    throw new ExitError(EXIT.usage, `the token file ${options.tokenFile} is empty`);
  }
  const token = process.env.PAGERDUTY_TOKEN?.trim();
  if (token) return token;
  throw new ExitError(EXIT.usage, 'no PagerDuty API token: set PAGERDUTY_TOKEN or pass --token-file <file>');
}

/** Loaded when a pagerduty command runs, so other commands do not pay for the HTTP client. */
async function modules() {
  const [mapping, text, rest, sync] = await Promise.all([
    import('../../toolkit/pagerduty-sync/mapping-file.js'),
    import('../../toolkit/pagerduty-sync/plan-text.js'),
    import('../../toolkit/pagerduty-sync/rest-client.js'),
    import('../../toolkit/pagerduty-sync/sync-orchestration.js'),
  ]);
  return { ...mapping, ...text, ...rest, ...sync };
}

function printPlan(plan: OrchestrationPlan, apiUrl: string, formatPathPlan: (p: OrchestrationPlan['plans'][number]) => string[]): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Event Orchestration ${plan.orchestration.id} (${plan.orchestration.name}) at ${apiUrl}`);
  for (const pathPlan of plan.plans) for (const line of formatPathPlan(pathPlan)) out(line);
}

async function run(paths: string[], options: PagerDutyOptions, apply: boolean): Promise<void> {
  const result = await loadAndValidate(paths);
  if (!result.ok) {
    printProblems(result.problems);
    throw new ExitError(EXIT.invalid, 'definitions are invalid; nothing was sent to PagerDuty');
  }
  const token = await readToken(options);
  const { createRestClient, loadMapping, planOrchestration, applyPlan, formatPathPlan, formatSummary, planTotals, MappingError, MappingGapError, PagerDutyApiError } = await modules();
  const client = createRestClient({
    token,
    baseUrl: options.apiUrl,
    retries: options.retries,
    minDelayMs: options.retryDelay,
    maxDelayMs: Math.max(options.retryDelay, 30_000),
    timeoutMs: 30_000,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  try {
    const mapping = await loadMapping(options.mapping);
    const plan = await planOrchestration(client, result.slos, mapping);
    printPlan(plan, options.apiUrl, formatPathPlan);
    const summary = formatSummary(plan.plans);
    if (!apply) {
      process.stdout.write(`${summary}\n`);
      if (options.check && plan.plans.some((p) => p.changed)) throw new ExitError(EXIT.invalid, 'the Event Orchestration differs from the definitions');
      return;
    }
    const applied = await applyPlan(client, plan);
    if (applied.length === 0) {
      process.stdout.write(`${summary}\n`);
      return;
    }
    const t = planTotals(applied);
    process.stdout.write(`Applied: ${t.add} added, ${t.change} changed, ${t.remove} removed (updated ${applied.map((p) => p.path).join(' and ')}).\n`);
  } catch (error) {
    if (error instanceof MappingError || error instanceof MappingGapError || error instanceof PagerDutyApiError) throw new ExitError(EXIT.invalid, error.message);
    throw error;
  }
}

function addCommon(command: Command): Command {
  return command
    .argument('[paths...]', 'files or directories of definitions (default: slo-definitions)')
    .option('-m, --mapping <file>', 'PagerDuty mapping: orchestration id, team -> service id', 'pagerduty.yaml')
    .option('--token-file <file>', 'read the REST API token from this file instead of PAGERDUTY_TOKEN')
    .option('--api-url <url>', 'REST API base URL', process.env.PAGERDUTY_API_URL ?? DEFAULT_API_URL)
    .option('--retries <n>', 'retries of a request answered 429 or 5xx', wholeNumber, 4)
    .option('--retry-delay <ms>', 'first wait before a retry, doubled each time', wholeNumber, 1000);
}

export function registerPagerDuty(program: Command): void {
  const pagerduty = program.command('pagerduty').description('PagerDuty Event Orchestration routing from the definitions (REST API v2)');
  addCommon(pagerduty.command('plan'))
    .description("show how the Event Orchestration's router and global rules differ from the definitions")
    .option('--check', 'exit 1 when anything would change (drift check in CI)')
    .action((paths: string[], options: PagerDutyOptions) => run(paths, options, false));
  addCommon(pagerduty.command('apply'))
    .description('update the Event Orchestration to match the definitions (only what the plan shows)')
    .action((paths: string[], options: PagerDutyOptions) => run(paths, options, true));
}
