/** What leadership means to the rest of the service: a lease held under an epoch, and the fence it gives. */

/** Proof of leadership a write carries: the store refuses it unless this holder still holds this epoch. */
export interface Fence {
  lease: string;
  holder: string;
  epoch: number;
}

export interface LeaseRecord extends Fence {
  expiresAt: Date;
  acquiredAt: Date;
  catalogVersion: string;
}

export interface AcquireRequest {
  lease: string;
  holder: string;
  now: Date;
  ttlMs: number;
  catalogVersion: string;
  /**
   * Extra wait before taking over an expired lease: a replica whose catalog is behind the newest one lets a
   * replica with the newest catalog win, and leads only when none renews in that time.
   */
  graceMs: number;
}

export interface LeaseStore {
  /** Takes the lease if free or expired (a new epoch), or renews it if this holder has it; undefined if another holds it. */
  acquire(request: AcquireRequest): Promise<LeaseRecord | undefined>;
  /** Gives the lease up at `now` (shutdown), so a standby takes over without waiting for the expiry. */
  release(fence: Fence, now: Date): Promise<void>;
  current(lease: string): Promise<LeaseRecord | undefined>;
}

/** A leader's write arrived after its lease passed to another replica: the write is refused. */
export class FencedOut extends Error {
  constructor(readonly fence: Fence) {
    super(`lease "${fence.lease}" epoch ${fence.epoch} is no longer held by ${fence.holder}; the write was refused`);
    this.name = 'FencedOut';
  }
}
