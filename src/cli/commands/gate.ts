/**
 * `burnrate gate`: asks a running service's budget gate whether a deploy may proceed. The exit code is
 * the answer for pipelines: 0 open, 1 frozen or unknown (also when the service cannot be asked: missing
 * data never opens the gate), 2 usage (bad options, unknown service or SLO).
 */
import { Command, InvalidArgumentError } from 'commander';
import pRetry from 'p-retry';
import { EXIT, ExitError } from '../exit-codes.js';
import { printJson, printLine } from '../output.js';

interface GateOptions {
  url: string;
  service?: string;
  slo?: string;
  minRemaining?: number;
  json?: boolean;
  timeout: number;
  retries: number;
}

interface GateAnswer {
  decision: 'open' | 'frozen' | 'unknown';
  summary: string;
  evaluatedAt?: string | null;
  catalogVersion?: string;
  reasons: { sloId: string; decision: string; message: string }[];
}

function ratio(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new InvalidArgumentError('must be a share of the budget between 0 and 1, e.g. 0.1');
  return value;
}

function wholeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError('must be a whole number, 0 or more');
  return value;
}

export function gateUrl(base: string, options: Pick<GateOptions, 'service' | 'slo' | 'minRemaining'>): URL {
  let url: URL;
  try {
    url = new URL('api/v1/gate', base.endsWith('/') ? base : `${base}/`);
  } catch {
    throw new ExitError(EXIT.usage, `burnrate gate: --url must be the service's base URL such as http://burnrate:8080, got "${base}"`);
  }
  if (options.service !== undefined) url.searchParams.set('service', options.service);
  if (options.slo !== undefined) url.searchParams.set('slo', options.slo);
  if (options.minRemaining !== undefined) url.searchParams.set('minRemaining', String(options.minRemaining));
  return url;
}

/** 5xx and network failures are retried; any other answer is final. */
async function ask(url: URL, options: GateOptions): Promise<{ status: number; body: unknown }> {
  return pRetry(
    async () => {
      const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(options.timeout) });
      if (response.status >= 500) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      return { status: response.status, body: await response.json() };
    },
    { retries: options.retries, minTimeout: 500, maxTimeout: 5000 },
  );
}

function print(answer: GateAnswer, json: boolean | undefined): void {
  if (json) return printJson(answer);
  printLine(answer.summary);
  const width = Math.max(0, ...answer.reasons.map((r) => r.sloId.length));
  for (const r of answer.reasons) printLine(`  ${r.decision.padEnd(8)} ${r.sloId.padEnd(width)}  ${r.message}`);
  if (answer.evaluatedAt !== undefined) printLine(`evaluated ${answer.evaluatedAt ?? 'never'}, catalog ${answer.catalogVersion ?? '?'}`);
}

async function run(options: GateOptions): Promise<void> {
  if ((options.service === undefined) === (options.slo === undefined)) throw new ExitError(EXIT.usage, 'burnrate gate: give exactly one of --service <name> or --slo <id>');
  const url = gateUrl(options.url, options);
  let reply: { status: number; body: unknown };
  try {
    reply = await ask(url, options);
  } catch (error) {
    // fetch hides the reason (ECONNREFUSED, ENOTFOUND, ...) in its cause.
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    print({ decision: 'unknown', summary: `unknown: cannot ask the budget gate at ${url.origin}: ${reason}`, reasons: [] }, options.json);
    throw new ExitError(EXIT.invalid);
  }
  const { status, body } = reply;
  if (status === 400 || status === 404) {
    const message = (body as { error?: { message?: string } }).error?.message ?? `HTTP ${status}`;
    throw new ExitError(EXIT.usage, `burnrate gate: ${message}`);
  }
  const answer = body as GateAnswer;
  if (status !== 200 || !['open', 'frozen', 'unknown'].includes(answer.decision)) {
    print({ decision: 'unknown', summary: `unknown: unexpected answer from ${url.href} (HTTP ${status})`, reasons: [] }, options.json);
    throw new ExitError(EXIT.invalid);
  }
  print(answer, options.json);
  if (answer.decision !== 'open') throw new ExitError(EXIT.invalid);
}

export function registerGate(program: Command): void {
  program
    .command('gate')
    .description('ask the service whether a deploy may proceed: exit 0 open, 1 frozen or unknown, 2 usage')
    .requiredOption('--url <url>', 'base URL of the burnrate service (default: $BURNRATE_URL)', process.env.BURNRATE_URL)
    .option('--service <name>', 'gate on every SLO of this service')
    .option('--slo <id>', 'gate on one SLO instead')
    .option('--min-remaining <ratio>', 'freeze at or below this share of the error budget (0..1, default 0: spent)', ratio)
    .option('--json', 'print the gate answer as JSON')
    .option('--timeout <ms>', 'time limit of one request', wholeNumber, 10_000)
    .option('--retries <n>', 'retries after a network error or a 5xx answer', wholeNumber, 2)
    .action((options: GateOptions) => run(options));
}
