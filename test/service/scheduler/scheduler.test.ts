/** The scheduler never overlaps runs: a tick during a slow run is skipped and counted; stop waits for the run. */
import { describe, expect, it } from 'vitest';
import { Scheduler, type Timers } from '../../../src/service/scheduler/scheduler.js';

function manualTimers() {
  const handlers: (() => void)[] = [];
  const timers: Timers = { setInterval: (fn) => handlers.push(fn), clearInterval: () => handlers.splice(0) };
  return { timers, fire: () => handlers.forEach((fn) => fn()), active: () => handlers.length };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('Scheduler', () => {
  it('runs at start and on every tick, skipping ticks while a run is still going', async () => {
    const { timers, fire } = manualTimers();
    const gates: ReturnType<typeof gate>[] = [];
    let skipped = 0;
    const scheduler = new Scheduler({
      intervalMs: 60_000,
      timers,
      task: () => {
        const g = gate();
        gates.push(g);
        return g.opened;
      },
      onSkipped: () => skipped++,
    });
    scheduler.start();
    expect(gates).toHaveLength(1);
    fire();
    fire();
    expect(gates).toHaveLength(1);
    expect(skipped).toBe(2);
    expect(scheduler.skipped).toBe(2);
    gates[0]!.open();
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    fire();
    expect(gates).toHaveLength(2);
    gates[1]!.open();
  });

  it('keeps going after a failed run and reports the error', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const scheduler = new Scheduler({
      intervalMs: 1000,
      timers: manualTimers().timers,
      task: async () => {
        runs++;
        if (runs === 1) throw new Error('prometheus down');
      },
      onError: (e) => errors.push(e),
    });
    expect(await scheduler.tick()).toBe('ran');
    expect(await scheduler.tick()).toBe('ran');
    expect(runs).toBe(2);
    expect(errors).toEqual([new Error('prometheus down')]);
  });

  it('stops ticking and waits for the run in progress', async () => {
    const { timers, active } = manualTimers();
    const g = gate();
    let finished = false;
    const scheduler = new Scheduler({ intervalMs: 1000, timers, task: () => g.opened.then(() => void (finished = true)) });
    scheduler.start();
    const stopped = scheduler.stop();
    expect(active()).toBe(0);
    g.open();
    await stopped;
    expect(finished).toBe(true);
    expect(scheduler.running).toBe(false);
  });
});
