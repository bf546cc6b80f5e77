/** A fake PagerDuty account for the example catalog, its mapping file, and the CLI pointed at it. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadAndValidate } from '../../../src/cli/definitions.js';
import { loadMapping } from '../../../src/toolkit/pagerduty-sync/mapping-file.js';
import { createRestClient } from '../../../src/toolkit/pagerduty-sync/rest-client.js';
import { applyPlan, planOrchestration } from '../../../src/toolkit/pagerduty-sync/sync-orchestration.js';
import { REPO_ROOT, runCli, type CliResult } from '../../support/cli.js';
import { startFakePagerDutyRest, type FakePagerDutyRest } from '../../support/fake-pagerduty-rest.js';
import { makeTempDir } from '../../support/temp-dir.js';

export const TOKEN = 'u+fakeToken-0123456789';
export const ORCHESTRATION = 'E1BURN2';
/** PagerDuty services of the example catalog's teams. */
export const SERVICES = { payments: 'PPAYMNT', discovery: 'PDISCVR', web: 'PWEBSHP' } as const;

export interface Account {
  fake: FakePagerDutyRest;
  dir: string;
  mappingFile: string;
  /** Runs `burnrate pagerduty <args> slo-definitions --mapping ... --api-url ...` with the token in the env. */
  cli(args: string[], options?: { token?: string; mapping?: string }): Promise<CliResult>;
  /** What `apply` does, in-process: to set up an account that already has Burnrate's rules. */
  applyInProcess(): Promise<void>;
  /** Whether a plan would change anything, in-process. */
  planInProcess(): Promise<boolean>;
  close(): Promise<void>;
}

export const MAPPING = `orchestration: ${ORCHESTRATION}
teams:
  payments: ${SERVICES.payments}
  discovery: ${SERVICES.discovery}
  web: ${SERVICES.web}
`;

async function planNow(url: string, mappingFile: string) {
  const { slos } = await loadAndValidate([path.join(REPO_ROOT, 'slo-definitions')]);
  const client = createRestClient({ token: TOKEN, baseUrl: url, retries: 0, minDelayMs: 1, maxDelayMs: 1, timeoutMs: 10_000, log: () => {} });
  return { client, plan: await planOrchestration(client, slos, await loadMapping(mappingFile)) };
}

export async function startAccount(mapping = MAPPING): Promise<Account> {
  const fake = await startFakePagerDutyRest({
    token: TOKEN,
    orchestrations: [{ id: ORCHESTRATION, name: 'Production' }],
    services: Object.entries(SERVICES).map(([team, id]) => ({ id, name: `${team} on-call` })),
  });
  const temp = await makeTempDir('burnrate-pagerduty-');
  const mappingFile = path.join(temp.dir, 'pagerduty.yaml');
  await writeFile(mappingFile, mapping);
  return {
    fake,
    dir: temp.dir,
    mappingFile,
    cli: (args, options = {}) =>
      runCli(['pagerduty', ...args, 'slo-definitions', '--mapping', options.mapping ?? mappingFile, '--api-url', fake.url, '--retry-delay', '10'], {
        env: { PAGERDUTY_TOKEN: options.token ?? TOKEN },
      }),
    applyInProcess: async () => {
      const { client, plan } = await planNow(fake.url, mappingFile);
      await applyPlan(client, plan);
    },
    planInProcess: async () => (await planNow(fake.url, mappingFile)).plan.plans.some((p) => p.changed),
    close: async () => {
      await fake.close();
      await temp.remove();
    },
  };
}
