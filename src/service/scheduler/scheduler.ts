/**
 * Runs a task every interval and never overlaps runs: a tick that finds the previous run still going is
 * skipped and counted. Timers are injected so tests drive ticks themselves.
 */

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimers: Timers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface SchedulerOptions {
  intervalMs: number;
  task: () => Promise<void>;
  onSkipped?: () => void;
  /** A task must handle its own errors; anything that escapes lands here. */
  onError?: (error: unknown) => void;
  timers?: Timers;
}

export class Scheduler {
  #running: Promise<void> | undefined;
  #handle: unknown;
  #skipped = 0;

  constructor(private readonly options: SchedulerOptions) {}

  get skipped(): number {
    return this.#skipped;
  }

  get running(): boolean {
    return this.#running !== undefined;
  }

  /** Runs once now, then every interval. */
  start(): void {
    const timers = this.options.timers ?? realTimers;
    this.#handle = timers.setInterval(() => void this.tick(), this.options.intervalMs);
    void this.tick();
  }

  /** Starts a run unless one is going; resolves when this tick's run (if any) ends. */
  tick(): Promise<'ran' | 'skipped'> {
    if (this.#running) {
      this.#skipped++;
      this.options.onSkipped?.();
      return Promise.resolve('skipped');
    }
    const run = this.options
      .task()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.#running = undefined;
      });
    this.#running = run;
    return run.then(() => 'ran' as const);
  }

  /** Stops ticking and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.#handle !== undefined) (this.options.timers ?? realTimers).clearInterval(this.#handle);
    this.#handle = undefined;
    await this.#running;
  }
}
