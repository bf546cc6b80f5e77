/**
 * How many OTLP requests may be received or decoded at once, and how many body bytes they may hold between
 * them. A slot is taken from the request's start (before its body is read, so a refused request costs no
 * memory) with the bytes its body is known to need (its Content-Length), and grows by what a chunked body or
 * an inflated gzip body turns out to need. It is held until both the response has closed and the decode has
 * stopped: a sender that hangs up cannot free bytes its decode still uses.
 */

/** Why no slot was given: all request slots taken, or the body bytes would pass the budget. */
export type Refusal = 'requests' | 'bytes';

export class ConcurrencyLimit {
  #inUse = 0;
  #bytes = 0;

  constructor(
    readonly max: number,
    /** Body bytes all slots together may hold. */
    readonly maxBytes: number,
    private readonly onChange: (inUse: number, bytes: number) => void = () => {},
  ) {}

  get inUse(): number {
    return this.#inUse;
  }

  /** Body bytes held by all slots. */
  get bytes(): number {
    return this.#bytes;
  }

  /** A slot holding `bytes`, or why there is none. */
  tryAcquire(bytes: number): Slot | Refusal {
    if (this.#inUse >= this.max) return 'requests';
    if (!this.#fits(bytes)) return 'bytes';
    this.#inUse++;
    this.#bytes += bytes;
    this.onChange(this.#inUse, this.#bytes);
    return new Slot(bytes, (more) => this.#grow(more), (held) => this.#free(held));
  }

  #fits(bytes: number): boolean {
    return this.#bytes + bytes <= this.maxBytes;
  }

  #grow(more: number): boolean {
    if (!this.#fits(more)) return false;
    this.#bytes += more;
    this.onChange(this.#inUse, this.#bytes);
    return true;
  }

  #free(held: number): void {
    this.#inUse--;
    this.#bytes -= held;
    this.onChange(this.#inUse, this.#bytes);
  }
}

/** Freed, with all its bytes, when every holder has dropped it; the acquirer is the first holder. */
export class Slot {
  #holders = 1;
  #bytes: number;

  constructor(
    bytes: number,
    private readonly grow: (more: number) => boolean,
    private readonly free: (bytes: number) => void,
  ) {
    this.#bytes = bytes;
  }

  /** Body bytes this slot holds. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Holds `more` bytes too, if the budget has them; false (nothing taken) if not, or if the slot is freed. */
  tryReserve(more: number): boolean {
    if (more <= 0) return true;
    if (this.#holders === 0 || !this.grow(more)) return false;
    this.#bytes += more;
    return true;
  }

  hold(): void {
    if (this.#holders > 0) this.#holders++;
  }

  drop(): void {
    if (this.#holders > 0 && --this.#holders === 0) this.free(this.#bytes);
  }
}
