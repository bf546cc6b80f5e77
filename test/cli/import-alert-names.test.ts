/**
 * Migration keeps what Sloth alerts carried: `burnrate import --keep-alert-names` keeps the Sloth alert name
 * for the page and ticket burn alerts, and a tier's labels and annotations stay on that tier's alert, through
 * `burnrate generate` into the rule file, the routing and the dashboards; the generated promtool test of
 * such an SLO passes on every Prometheus line. Without the flag, the import says what to rename.
 */
import { mkdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { promtool } from '../support/promtool.js';
import { prometheusLines } from '../support/stack-tools.js';
import { makeTempDir } from '../support/temp-dir.js';
import { FIXTURES } from '../toolkit/load/load-support.js';

interface Rule {
  alert?: string;
  record?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

let tmp: { dir: string; remove: () => Promise<void> };
const SPEC = path.join(FIXTURES, 'sloth/tier-owner.yml');
const SLO = 'giftcards-redeem-availability';
const NAME = 'GiftcardRedeemHighErrorRate';

/** A project where `import { defineSlos } from 'burnrate'` resolves, as after `npm install burnrate`. */
async function project(name: string): Promise<string> {
  const dir = path.join(tmp.dir, name);
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  await symlink(REPO_ROOT, path.join(dir, 'node_modules/burnrate'), 'dir');
  return dir;
}

async function alertRules(dir: string): Promise<Rule[]> {
  const file = parse(await readFile(path.join(dir, 'alerts/prometheus/giftcards.rules.yaml'), 'utf8')) as { groups: { rules: Rule[] }[] };
  return file.groups.flatMap((group) => group.rules).filter((rule) => rule.alert !== undefined);
}

beforeAll(async () => {
  tmp = await makeTempDir('burnrate-alert-names-');
});
afterAll(async () => {
  await tmp.remove();
});

describe('burnrate import --keep-alert-names, then generate', () => {
  let dir: string;
  let importOut: string;

  beforeAll(async () => {
    dir = await project('kept');
    const imported = await runCli(['import', '--from', 'sloth', SPEC, '--keep-alert-names'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    importOut = imported.stdout;
    const generated = await runCli(['generate'], { cwd: dir });
    expect(generated.code, generated.stderr).toBe(0);
  }, 120_000);

  it('keeps the Sloth name for both burn alerts, told apart by burnrate_tier, with the tier labels and annotations', async () => {
    const rules = await alertRules(dir);
    expect(rules.map((rule) => [rule.alert, rule.labels?.burnrate_tier])).toEqual([
      [NAME, 'page'],
      [NAME, 'ticket'],
      ['SloNoData', 'nodata'],
      ['SloErrorBudgetExhausted', 'budget'],
    ]);
    const [page, ticket] = rules;
    expect(page?.labels).toEqual({
      repo: 'shop/giftcards',
      tier: '1',
      category: 'availability',
      team: 'shop-core',
      service: 'giftcards',
      slo: SLO,
      routing_key: 'shop-core',
      severity: 'pageteam',
      burnrate_tier: 'page',
    });
    expect(page?.annotations).toMatchObject({
      summary: 'High error rate on gift card redemptions',
      playbook: 'https://wiki.example.com/giftcards/page',
      runbook_url: 'https://runbooks.example.com/giftcards/redeem',
    });
    expect(ticket?.labels).toMatchObject({ tier: '1', slack_channel: '#alerts-shop-core', severity: 'slack', burnrate_tier: 'ticket' });
    expect(ticket?.labels?.routing_key).toBeUndefined();
    expect(ticket?.annotations).toMatchObject({ summary: 'High error rate on gift card redemptions' });
    expect(ticket?.annotations?.playbook).toBeUndefined();
  });

  it('routes and inhibits on the kept name, and the dashboards show its alerts', async () => {
    const routing = await readFile(path.join(dir, 'alerts/alertmanager/alertmanager.yaml'), 'utf8');
    expect(routing).toContain(`alertname=~"SloErrorBudgetBurnPage|SloErrorBudgetBurnTicket|SloNoData|SloErrorBudgetExhausted|${NAME}"`);
    expect(routing).toContain(`alertname=~"SloErrorBudgetBurnPage|${NAME}"`);
    expect(routing).toContain(`alertname=~"SloErrorBudgetBurnTicket|${NAME}"`);
    const dashboard = await readFile(path.join(dir, 'dashboards/burnrate-giftcards.json'), 'utf8');
    expect(dashboard).toContain(`alertname=~\\"${NAME}|SloErrorBudgetBurnPage|SloErrorBudgetBurnTicket|SloErrorBudgetExhausted|SloNoData\\"`);
  });

  it('says which series and labels to update, and that the alert names are kept', () => {
    expect(importOut).toContain("update what matches Sloth's names");
    expect(importOut).toContain(`${NAME}{sloth_id="${SLO}",sloth_severity="page"} → ${NAME}{slo="${SLO}",burnrate_tier="page"}`);
    expect(importOut).toContain('slo:sli_error:ratio_rate<window> (5m, 1h) → 1 - burnrate:slo_good_events{window="<window>"} / burnrate:slo_total_events{window="<window>"}');
  });

  describe.each(prometheusLines())('on Prometheus $name', ({ promtool: binary }) => {
    it('the generated promtool test of the SLO passes, page and ticket sharing one name', () => {
      const result = promtool(binary, ['test', 'rules', `${SLO}.test.yaml`], path.join(dir, 'alerts/promtool'));
      expect(result.code, result.output).toBe(0);
    }, 120_000);
  });
});

describe('burnrate import without --keep-alert-names', () => {
  it("gives the burn alerts Burnrate's names and says what to rename", async () => {
    const dir = await project('renamed');
    const imported = await runCli(['import', '--from', 'sloth', SPEC], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`${NAME}{sloth_id="${SLO}",sloth_severity="page"} → SloErrorBudgetBurnPage{slo="${SLO}",burnrate_tier="page"}`);
    expect(imported.stdout).toContain(`${NAME}{sloth_id="${SLO}",sloth_severity="ticket"} → SloErrorBudgetBurnTicket{slo="${SLO}",burnrate_tier="ticket"}`);
    expect(imported.stdout).toContain('(--keep-alert-names keeps the burn alert names)');
    expect(await readFile(path.join(dir, 'slo-definitions/giftcards.slo.ts'), 'utf8')).not.toContain('burnAlertName');
    const generated = await runCli(['generate'], { cwd: dir });
    expect(generated.code, generated.stderr).toBe(0);
    const rules = await alertRules(dir);
    expect(rules.slice(0, 2).map((rule) => [rule.alert, rule.labels?.routing_key ?? rule.labels?.slack_channel])).toEqual([
      ['SloErrorBudgetBurnPage', 'shop-core'],
      ['SloErrorBudgetBurnTicket', '#alerts-shop-core'],
    ]);
  }, 120_000);
});
