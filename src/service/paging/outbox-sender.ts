/**
 * Drains the outbox to PagerDuty Events v2: claims the oldest pending event of each dedup key (so a
 * resolve never overtakes its trigger, and two replicas never send the same event at once), delivers it
 * (deliver-event.ts), and repeats. Runs as a loop woken by new decisions, by the next due retry, or
 * every poll interval; tests call drain() themselves.
 */
import { randomUUID } from 'node:crypto';
import { deliverEvent, type DeliveryOptions, type DeliveryResult } from './deliver-event.js';
import type { OutboxStats } from './paging-types.js';

export type { SenderLogger } from './deliver-event.js';

export interface OutboxSenderOptions extends DeliveryOptions {
  /** How often the loop looks for due events unprompted (events of other replicas, retries). */
  pollIntervalMs: number;
  /** Sent events are deleted this long after delivery. */
  keepSentMs?: number;
  /** Claim owner; unique per sender. */
  owner?: string;
}

export type DrainResult = Record<DeliveryResult, number>;

const PRUNE_INTERVAL_MS = 3_600_000;
const MIN_WAKE_MS = 1000;
const CLAIM_MARGIN_MS = 15_000;

export class OutboxSender {
  readonly #o: OutboxSenderOptions;
  readonly #owner: string;
  readonly #stop = new AbortController();
  #draining: Promise<DrainResult> | undefined;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #notified = false;
  #lastPrune = Number.NEGATIVE_INFINITY;
  #stats: OutboxStats = { pending: 0, failed: 0, oldestPendingAt: null, nextAttemptAt: null };

  constructor(options: OutboxSenderOptions) {
    this.#o = options;
    this.#owner = options.owner ?? randomUUID();
  }

  /** The outbox as last read (after each pass). */
  get stats(): OutboxStats {
    return this.#stats;
  }

  /** One pass over every due event, each tried once; concurrent calls share the running pass. */
  drain(): Promise<DrainResult> {
    this.#draining ??= this.#drain().finally(() => (this.#draining = undefined));
    return this.#draining;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** New events were written: deliver them now rather than at the next poll. */
  notify(): void {
    this.#notified = true;
    this.#wake?.();
  }

  /** Stops the loop and any backoff wait; an event in flight stays pending and is delivered after a restart. */
  async stop(): Promise<void> {
    this.#stop.abort(new Error('paging sender stopped'));
    this.#wake?.();
    await this.#loop;
    await this.#draining?.catch(() => undefined);
  }

  /** Reads the outbox into the stats and the metrics. */
  async observe(): Promise<OutboxStats> {
    this.#stats = await this.#o.store.outboxStats();
    this.#o.metrics.observeOutbox(this.#stats);
    return this.#stats;
  }

  async #run(): Promise<void> {
    while (!this.#stop.signal.aborted) {
      this.#notified = false;
      try {
        await this.drain();
        await this.#prune();
      } catch (error) {
        this.#o.logger.error({ err: error }, 'paging outbox pass failed; pending events stay and are retried');
      }
      if (!this.#notified && !this.#stop.signal.aborted) await this.#sleep(this.#nextWakeMs());
    }
  }

  #nextWakeMs(): number {
    const next = this.#stats.nextAttemptAt;
    const untilNext = next ? next.getTime() - this.#o.clock().getTime() : Number.POSITIVE_INFINITY;
    return Math.min(this.#o.pollIntervalMs, Math.max(MIN_WAKE_MS, untilNext));
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.#wake?.(), ms);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
  }

  async #drain(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, failed: 0, retrying: 0 };
    const tried: number[] = [];
    try {
      while (!this.#stop.signal.aborted) {
        const now = this.#o.clock();
        const claimUntil = new Date(now.getTime() + this.#claimMs());
        const [entry] = await this.#o.store.claimDueEvents({ now, claimUntil, owner: this.#owner, limit: 1, exclude: tried });
        if (!entry) break;
        tried.push(entry.id);
        result[await deliverEvent({ ...this.#o, claim: { owner: this.#owner, ms: this.#claimMs() } }, entry, this.#stop.signal)]++;
      }
    } finally {
      const stats = await this.observe();
      if (stats.pending > 0 && result.retrying > 0) {
        this.#o.logger.warn({ pending: stats.pending, oldestPendingAt: stats.oldestPendingAt, nextAttemptAt: stats.nextAttemptAt }, 'paging outbox not drained: PagerDuty events wait for retry');
      }
    }
    return result;
  }

  /**
   * One attempt and a margin: the claim is moved forward before each attempt, so a live sender keeps it and
   * a crashed sender's events are free again within timeout + 15 s. A sender stalled longer than that
   * may deliver an event another sender also delivers: the same dedup key, which PagerDuty folds into one
   * incident.
   */
  #claimMs(): number {
    return this.#o.timeoutMs + CLAIM_MARGIN_MS;
  }

  async #prune(): Promise<void> {
    const now = this.#o.clock().getTime();
    if (now - this.#lastPrune < PRUNE_INTERVAL_MS) return;
    this.#lastPrune = now;
    const removed = await this.#o.store.pruneSent(new Date(now - (this.#o.keepSentMs ?? 7 * 86_400_000)));
    if (removed > 0) this.#o.logger.info({ removed }, 'paging outbox: old sent events pruned');
  }
}
