/**
 * The status page index at scale (issue #14): server time and bytes on the wire of GET / per encoding.
 *
 *   npx jiti bench/status-index.ts [--slos 1000] [--groups 10] [--runs 15] [--json]
 *
 * With --json, the result as JSON (what bench/run-all.ts reads). Run by jiti's own loader, not
 * `node --import jiti/register`, under which Node 20 cannot link @fastify/static's CommonJS entry.
 */
import { parseArgs } from 'node:util';
import { statusIndexTable } from './status-index/report.js';
import { runStatusIndex } from './status-index/run.js';

const { values } = parseArgs({ options: { slos: { type: 'string', default: '1000' }, groups: { type: 'string', default: '10' }, runs: { type: 'string', default: '15' }, json: { type: 'boolean', default: false } } });
const result = await runStatusIndex({ slos: Number(values.slos), groups: Number(values.groups), runs: Number(values.runs) }, (line) => process.stderr.write(`${line}\n`));
process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : statusIndexTable(result));
