/**
 * Keeps this replica's claim on the evaluator lease: one replica leads (evaluates, pages), the others stand
 * by and serve what it stored. The lease is renewed every `renewMs`; a leader that stops renewing (crash,
 * partition, database trouble) loses it after `ttlMs`, and a standby takes over with a new epoch. A replica
 * whose catalog is not the newest one recorded waits one more ttl before taking over, so a replica with the
 * newest catalog wins during a rolling deploy. Leadership uses the wall clock; replicas are assumed to keep
 * their clocks within a fraction of the ttl (NTP).
 */
import type { Fence, LeaseRecord, LeaseStore } from './lease-types.js';

export interface ElectorLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface LeaderElectorOptions {
  leases: LeaseStore;
  /** This replica, e.g. `<hostname>-<pid>-<random>`. */
  holder: string;
  lease?: string;
  ttlMs: number;
  renewMs: number;
  /** The catalog this replica serves, and whether it is the newest one any replica recorded. */
  catalog: () => Promise<{ version: string; newest: boolean }>;
  onElected?: (fence: Fence) => void;
  onDemoted?: (fence: Fence, reason: string) => void;
  logger: ElectorLogger;
  now?: () => Date;
}

export class LeaderElector {
  #lease: LeaseRecord | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  readonly #o: Required<Pick<LeaderElectorOptions, 'lease' | 'now'>> & LeaderElectorOptions;

  constructor(options: LeaderElectorOptions) {
    this.#o = { lease: 'evaluator', now: () => new Date(), ...options };
  }

  /** The fence of a lease this replica holds and has not seen expire, or undefined. */
  get fence(): Fence | undefined {
    const lease = this.#lease;
    if (!lease || lease.expiresAt.getTime() <= this.#o.now().getTime()) return undefined;
    return { lease: lease.lease, holder: lease.holder, epoch: lease.epoch };
  }

  get isLeader(): boolean {
    return this.fence !== undefined;
  }

  get holder(): string {
    return this.#o.holder;
  }

  start(): void {
    void this.tick();
    this.#timer = setInterval(() => void this.tick(), this.#o.renewMs);
    this.#timer.unref();
  }

  /** One attempt to take or renew the lease; never throws (a failed renewal lets the lease run out). */
  tick(): Promise<void> {
    this.#running ??= this.#attempt().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** The store refused a write under our fence: another replica leads now. */
  lost(reason: string): void {
    const previous = this.fence;
    this.#lease = undefined;
    if (previous) this.#demoted(previous, reason);
  }

  /** Stops renewing and hands the lease over at once, so a standby need not wait for it to expire. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
    const fence = this.fence;
    this.#lease = undefined;
    if (!fence) return;
    await this.#o.leases.release(fence, this.#o.now()).catch((error: unknown) => this.#o.logger.warn({ err: error }, 'releasing the evaluator lease failed; it expires on its own'));
  }

  async #attempt(): Promise<void> {
    const before = this.fence;
    let acquired: LeaseRecord | undefined;
    try {
      const catalog = await this.#o.catalog();
      acquired = await this.#o.leases.acquire({
        lease: this.#o.lease,
        holder: this.#o.holder,
        now: this.#o.now(),
        ttlMs: this.#o.ttlMs,
        catalogVersion: catalog.version,
        graceMs: catalog.newest ? 0 : this.#o.ttlMs,
      });
    } catch (error) {
      // Keep what we hold until it expires: the store may be back before then.
      this.#o.logger.warn({ err: error, leader: before !== undefined }, 'evaluator lease: could not reach the store');
      return;
    }
    this.#lease = acquired;
    const after = this.fence;
    if (after && (!before || before.epoch !== after.epoch)) {
      this.#o.logger.info({ holder: after.holder, epoch: after.epoch }, 'this replica leads: it evaluates and pages');
      this.#o.onElected?.(after);
    } else if (!after && before) this.#demoted(before, 'another replica holds the lease');
  }

  #demoted(fence: Fence, reason: string): void {
    this.#o.logger.warn({ holder: fence.holder, epoch: fence.epoch, reason }, 'this replica stands by: another leads');
    this.#o.onDemoted?.(fence, reason);
  }
}
