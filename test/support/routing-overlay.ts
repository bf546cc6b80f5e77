/**
 * What an operator does around the generated alertmanager.yaml to run it, reproduced for tests: Secrets
 * mounted somewhere (here a temp dir instead of /etc/alertmanager/secrets) holding one routing key per
 * file, the PagerDuty URL pointed at a local fake (global.pagerduty_url), and shorter group timings.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';

const SECRETS_DIR = '/etc/alertmanager/secrets/';

/** A stable fake 32-character integration key for a Secret file path, e.g. burnrate-pagerduty-web/routing-key-page. */
export function routingKeyFor(secretPath: string): string {
  return createHash('sha256').update(secretPath).digest('hex').slice(0, 32);
}

export interface OverlayOptions {
  secretsDir: string;
  pagerdutyUrl: string;
  groupWait: string;
  groupInterval: string;
  repeatInterval: string;
}

interface Route {
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: Route[];
}

/** Writes the runnable config next to the generated one and returns its path and the keys by receiver. */
export async function overlayAlertmanagerConfig(generatedFile: string, options: OverlayOptions): Promise<{ file: string; keys: Map<string, string> }> {
  const config = parse(await readFile(generatedFile, 'utf8')) as {
    global?: Record<string, unknown>;
    route: Route;
    receivers: { name: string; pagerduty_configs?: { routing_key_file: string }[] }[];
  };
  const keys = new Map<string, string>();
  for (const receiver of config.receivers) {
    for (const pd of receiver.pagerduty_configs ?? []) {
      if (!pd.routing_key_file.startsWith(SECRETS_DIR)) throw new Error(`unexpected key file ${pd.routing_key_file}`);
      const relative = pd.routing_key_file.slice(SECRETS_DIR.length);
      const file = path.join(options.secretsDir, relative);
      await mkdir(path.dirname(file), { recursive: true });
      // Secrets mounted by Kubernetes often end with a newline; Alertmanager must cope with it.
      await writeFile(file, `${routingKeyFor(relative)}\n`);
      pd.routing_key_file = file;
      keys.set(receiver.name, routingKeyFor(relative));
    }
  }
  config.global = { ...config.global, pagerduty_url: options.pagerdutyUrl };
  const burnrate = config.route.routes?.[0];
  if (!burnrate) throw new Error('generated config has no Burnrate route');
  Object.assign(burnrate, { group_wait: options.groupWait, group_interval: options.groupInterval, repeat_interval: options.repeatInterval });
  const file = generatedFile.replace(/\.yaml$/, '.run.yaml');
  await writeFile(file, stringify(config, { lineWidth: 0 }));
  return { file, keys };
}
