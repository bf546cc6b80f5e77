/**
 * The SLO page bench on its own: `npx jiti bench/slo-page/main.ts` prints the table; with --json, the
 * result as JSON (what bench/run-all.ts reads). Run by jiti's own loader, not `node --import jiti/register`,
 * under which Node 20 cannot link playwright-core's CommonJS entry.
 *
 *   npx jiti bench/slo-page/main.ts [--requests 50] [--visits 15] [--json]
 */
import { parseArgs } from 'node:util';
import { sloPageTable } from './report.js';
import { runSloPageBench } from './run.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '50' }, visits: { type: 'string', default: '15' }, json: { type: 'boolean', default: false } } });
const result = await runSloPageBench({ requests: Number(values.requests), visits: Number(values.visits) }, (line) => process.stderr.write(`[bench] ${line}\n`));
process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : sloPageTable(result));
