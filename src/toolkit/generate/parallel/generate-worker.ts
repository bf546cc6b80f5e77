/** A worker thread's side: renders the services it is handed and stages their files. */
import { parentPort } from 'node:worker_threads';
import { serviceArtifacts } from '../artifacts.js';
import { stageArtifacts } from '../write-artifacts.js';
import type { ShardResult, ShardTask } from './shard-task.js';

function runShard(task: ShardTask): ShardResult {
  try {
    const artifacts = task.services.flatMap(([service, slos]) => serviceArtifacts(service, slos, task.options));
    return { ok: true, report: stageArtifacts(task.staging, artifacts) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

parentPort?.on('message', (task: ShardTask) => parentPort?.postMessage(runShard(task)));
