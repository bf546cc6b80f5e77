/**
 * How many OTLP requests may be received or decoded at once. A slot is held from the request's start
 * (before its body is read, so bodies in memory are bounded too) until both the response has closed and
 * the decode has stopped: a sender that hangs up cannot free a slot its decode still uses.
 */
export class ConcurrencyLimit {
  #inUse = 0;

  constructor(
    readonly max: number,
    private readonly onChange: (inUse: number) => void = () => {},
  ) {}

  get inUse(): number {
    return this.#inUse;
  }

  /** A slot, or undefined when all are taken. */
  tryAcquire(): Slot | undefined {
    if (this.#inUse >= this.max) return undefined;
    this.onChange(++this.#inUse);
    return new Slot(() => this.onChange(--this.#inUse));
  }
}

/** Freed when every holder has dropped it; the acquirer is the first holder. */
export class Slot {
  #holders = 1;

  constructor(private readonly free: () => void) {}

  hold(): void {
    if (this.#holders > 0) this.#holders++;
  }

  drop(): void {
    if (this.#holders > 0 && --this.#holders === 0) this.free();
  }
}
