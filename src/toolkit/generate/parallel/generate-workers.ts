/**
 * Worker threads for `generate`, started once the definitions are valid and only when there are enough SLOs to
 * share (a thread loads the generator's modules before it renders anything). From the TypeScript sources (tests,
 * BURNRATE_FROM_SOURCE) a worker loads them through jiti, as the CLI itself does.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ShardResult, ShardTask } from './shard-task.js';

/** Every thread, the main one included, gets at least this many SLOs: fewer do not repay a thread's start. */
export const MIN_SLOS_PER_THREAD = 100;

export interface GenerateWorkers {
  readonly size: number;
  run(index: number, task: ShardTask): Promise<ShardResult>;
  close(): Promise<void>;
}

/**
 * Worker threads for `slos` SLOs: `jobs - 1` when given, else one per extra core (at most three), and only as
 * many as give every thread MIN_SLOS_PER_THREAD SLOs.
 */
export function workerCount(slos: number, jobs?: number): number {
  const wanted = jobs !== undefined ? jobs - 1 : Math.min(availableParallelism() - 1, 3);
  return Math.max(0, Math.min(wanted, Math.floor(slos / MIN_SLOS_PER_THREAD) - 1));
}

interface Thread {
  worker: Worker;
  /** Settles with the reason once the thread fails or exits; a task sent after that fails at once. */
  gone: Promise<string>;
}

function spawn(): Thread {
  const fromSource = import.meta.url.endsWith('.ts');
  let worker: Worker;
  if (fromSource) {
    const entry = fileURLToPath(new URL('./generate-worker.ts', import.meta.url));
    const jiti = createRequire(import.meta.url).resolve('jiti');
    const load = `require(${JSON.stringify(jiti)}).createJiti(${JSON.stringify(entry)}).import(${JSON.stringify(entry)})`;
    // A failed import is an unhandled rejection in the thread, which ends it with an 'error' event.
    worker = new Worker(`${load};`, { eval: true });
  } else {
    worker = new Worker(new URL('./generate-worker.js', import.meta.url));
  }
  const gone = new Promise<string>((resolve) => {
    worker.once('error', (error) => resolve(error.stack ?? error.message));
    worker.once('exit', (code) => resolve(`generate worker exited with code ${code}`));
  });
  return { worker, gone };
}

function runOn(thread: Thread, task: ShardTask): Promise<ShardResult> {
  const answered = new Promise<ShardResult>((resolve) => thread.worker.once('message', resolve));
  thread.worker.postMessage(task);
  return Promise.race([answered, thread.gone.then((error): ShardResult => ({ ok: false, error }))]);
}

export function startGenerateWorkers(count: number): GenerateWorkers {
  const threads = Array.from({ length: count }, spawn);
  return {
    size: count,
    run: (index, task) => runOn(threads[index]!, task),
    close: async () => {
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
