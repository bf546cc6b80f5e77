/**
 * Abort plumbing of the collectors: why a query was stopped, and signals linked to a parent (evaluation
 * deadline, shutdown) that let go of it afterwards, so a long-lived parent never piles up listeners.
 */

export type StopKind = 'timeout' | 'too-large' | 'deadline' | 'stopped' | 'closed' | 'abandoned';

/** The reason a query's signal was aborted; its message is what the cluster's error says after the name. */
export class StopReason extends Error {
  constructor(
    readonly kind: StopKind,
    message: string,
  ) {
    super(message);
    this.name = 'StopReason';
  }
}

export interface LinkedAbort {
  readonly signal: AbortSignal;
  abort(reason: StopReason): void;
  /** Detaches from the parents and clears the timer; call it when the work is done. */
  dispose(): void;
}

/** A signal that aborts with a parent's reason, after `timeout.ms` with its reason, or on `abort()`. */
export function linkAbort(parents: readonly (AbortSignal | undefined)[], timeout?: { ms: number; reason: () => StopReason }): LinkedAbort {
  const controller = new AbortController();
  const detach: (() => void)[] = [];
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      controller.abort(parent.reason);
      break;
    }
    const onAbort = (): void => controller.abort(parent.reason);
    parent.addEventListener('abort', onAbort, { once: true });
    detach.push(() => parent.removeEventListener('abort', onAbort));
  }
  const timer = timeout && !controller.signal.aborted ? setTimeout(() => controller.abort(timeout.reason()), timeout.ms) : undefined;
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => {
      clearTimeout(timer);
      for (const off of detach) off();
    },
  };
}

/** The StopReason behind an aborted signal, if it was one of ours. */
export function stopReasonOf(signal: AbortSignal | undefined): StopReason | undefined {
  return signal?.aborted && signal.reason instanceof StopReason ? signal.reason : undefined;
}
