/** A fake PagerDuty account for the example catalog, its mapping file, and the CLI pointed at it. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli, type CliResult } from '../support/cli.js';
import { startFakePagerDutyRest, type FakePagerDutyRest } from '../support/fake-pagerduty-rest.js';
import { makeTempDir } from '../support/temp-dir.js';

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
  close(): Promise<void>;
}

export const MAPPING = `orchestration: ${ORCHESTRATION}
teams:
  payments: ${SERVICES.payments}
  discovery: ${SERVICES.discovery}
  web: ${SERVICES.web}
`;

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
    close: async () => {
      await fake.close();
      await temp.remove();
    },
  };
}
