import type { SimClock, SimTimer } from '../../device-sim/sim-clock.ts';

/** A clock that moves only when told to: the injected alternative to `vi.useFakeTimers()`. */
export class ManualClock implements SimClock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, { at: number; every?: number; fn: () => void }>();

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): SimTimer {
    return this.#add(fn, ms, undefined);
  }

  setInterval(fn: () => void, ms: number): SimTimer {
    return this.#add(fn, ms, ms);
  }

  clearTimeout(timer: SimTimer): void {
    this.#timers.delete(Number(timer));
  }

  clearInterval(timer: SimTimer): void {
    this.#timers.delete(Number(timer));
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let dueId: number | undefined;
      let dueAt = Number.POSITIVE_INFINITY;
      for (const [id, timer] of this.#timers) {
        if (timer.at <= end && timer.at < dueAt) {
          dueId = id;
          dueAt = timer.at;
        }
      }
      const timer = dueId === undefined ? undefined : this.#timers.get(dueId);
      if (dueId === undefined || timer === undefined) break;
      this.#now = dueAt;
      if (timer.every === undefined) this.#timers.delete(dueId);
      else timer.at += timer.every;
      timer.fn();
    }
    this.#now = end;
  }

  #add(fn: () => void, ms: number, every: number | undefined): SimTimer {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + ms, every, fn });
    // Timer handles are opaque to the simulator; a number stands in for Node's Timeout here.
    return id as unknown as SimTimer;
  }
}

/** mulberry32: a tiny seeded PRNG, so liveliness tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
