/** What the generate thread hands a worker thread, and what comes back: file names only, never contents. */
import type { GenerateOptions } from '../artifacts.js';
import type { Staging, StageReport } from '../write-artifacts.js';
import type { ServiceSlos } from './shards.js';

export interface ShardTask {
  services: ServiceSlos[];
  options: GenerateOptions;
  staging: Pick<Staging, 'root' | 'dir' | 'existing'>;
}

export type ShardResult = { ok: true; report: StageReport } | { ok: false; error: string };
