/**
 * The long-window fleet matrix, Burnrate against Sloth, written to bench/results/long-window-fleet.md (and .json):
 *
 *   node --import jiti/register bench/long-window/matrix.ts 100x20x15 100x20x1 100x5x15 100x5x1
 *
 * Each argument is SLOS x ROUTES x RAW, RAW being the raw series per route and status code (15: 5 pods × 3
 * methods, 30 series per group with both codes). BENCH_SPLIT_DAYS: days, ending with the data, in which the
 * counters are split (default 3.2, which covers every raw read of both tools: Sloth's longest is 3 days);
 * BENCH_EVALUATIONS: timed evaluations per rule group (default 5); BENCH_FLEET_APPEND=1 keeps the fleets an
 * earlier run wrote. See run.ts for what one run measures.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fleetMatrixTables } from './matrix-report.js';
import { longWindowTables } from './report.js';
import { runLongWindow, type LongWindowResult } from './run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const log = (line: string) => process.stderr.write(`[fleet ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const MINUTES = 30 * 1440 + 60;

function parseFleet(arg: string) {
  const [slos, groups, raw] = arg.split('x').map(Number);
  if (!slos || !groups || !raw) throw new Error(`expected SLOSxROUTESxRAW (e.g. 100x20x15), got ${arg}`);
  return { slos, groups, rawSeriesPerCode: raw };
}

const fleets = process.argv.slice(2).map(parseFleet);
if (fleets.length === 0) throw new Error('name at least one fleet, e.g. 100x20x15');
const splitMinutes = Math.round(Number(process.env.BENCH_SPLIT_DAYS ?? 3.2) * 1440);
const evaluations = Number(process.env.BENCH_EVALUATIONS ?? 5);
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${new Date().toISOString()}`;

const METHOD = `Each fleet is SLOS × ROUTES groups (99.9% over 30 days, \`groupBy: [route]\`) with 30 days and an hour of
counters at a 1-minute scrape, run through run.ts. With RAW > 1 raw series per route and status code, the counters
are split by pod and method for the last BENCH_SPLIT_DAYS days (one series per route and code before): every raw
read of both tools lies in that span (Sloth's longest raw window is 3d, Burnrate's 1h), and the older history only
feeds the backfill of the five-minute recordings, which are per group and so the same either way. Per cycle: each
group's median evaluation time (all groups at 30s), summed. Per minute: the same medians weighted by each group's
production interval (Burnrate's window group runs every 5 minutes). CPU per cycle: the Prometheus process's CPU
seconds per evaluation of every group, which other jobs on the machine barely move; it includes Prometheus's idle
cost and the bench's /metrics polling, which pull small fleets' ratios towards 1.`;

interface MatrixRun {
  result: LongWindowResult;
  loadAtStart: string;
  loadAtEnd: string;
}

/** BENCH_FLEET_RESULTS: where the report goes, without extension (default bench/results/long-window-fleet). */
const RESULTS = path.resolve(ROOT, process.env.BENCH_FLEET_RESULTS ?? 'bench/results/long-window-fleet');
const JSON_FILE = `${RESULTS}.json`;
const key = (o: LongWindowResult['options']) => `${o.slos}x${o.groups}x${o.rawSeriesPerCode ?? 1}`;
const runs: MatrixRun[] = [];

/** BENCH_FLEET_APPEND=1 keeps the fleets other runs saved (read at every save, so runs may overlap). */
async function earlierRuns(): Promise<MatrixRun[]> {
  if (process.env.BENCH_FLEET_APPEND !== '1') return [];
  const saved = await readFile(JSON_FILE, 'utf8').catch(() => '{"runs":[]}');
  return (JSON.parse(saved) as { runs: MatrixRun[] }).runs;
}

async function save(): Promise<void> {
  const earlier = await earlierRuns();
  const all = [...earlier.filter((e) => !runs.some((r) => key(r.result.options) === key(e.result.options))), ...runs];
  const sections = all.map(({ result: r, loadAtStart, loadAtEnd }) => `### ${r.options.slos} × ${r.options.groups}, ${r.options.rawSeriesPerCode ?? 1} raw series per route and code\n\nLoad average ${loadAtStart} at start, ${loadAtEnd} at the end.\n\n${longWindowTables(r)}`);
  const report = `# Long-window fleet matrix\n\n${METHOD}\n\nMachine: ${machine}\n\n${fleetMatrixTables(all.map((r) => r.result))}\n${sections.join('\n')}`;
  await mkdir(path.dirname(JSON_FILE), { recursive: true });
  await writeFile(`${RESULTS}.md`, report);
  await writeFile(JSON_FILE, `${JSON.stringify({ machine, runs: all }, null, 2)}\n`);
  process.stdout.write(`${fleetMatrixTables(all.map((r) => r.result))}\n`);
}

for (const f of fleets) {
  const options = { ...f, minutes: MINUTES, incidentsPerGroup: 4, ...(f.rawSeriesPerCode > 1 ? { splitMinutes } : {}) };
  const loadAtStart = `${load()} (${new Date().toISOString()})`;
  log(`${f.slos} SLOs × ${f.groups} routes, ${f.rawSeriesPerCode} raw series per route and code; load ${loadAtStart}`);
  const result = await runLongWindow({ ...options, workDir: path.join(ROOT, 'bench/.work/long-window-fleet', key(options)), evaluations, evaluationInterval: '30s' }, log);
  runs.push({ result, loadAtStart, loadAtEnd: load() });
  // Written after every fleet, so a run cut short keeps what it measured.
  await save();
}
