/**
 * Time for the simulator, injected so tests drive it with `vi.useFakeTimers()` or a hand-made clock.
 * The default reads the globals at call time (not at import), so fake timers installed later apply.
 */
export type SimTimer = ReturnType<typeof globalThis.setTimeout>;

export interface SimClock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): SimTimer;
  clearTimeout(timer: SimTimer): void;
  setInterval(fn: () => void, ms: number): SimTimer;
  clearInterval(timer: SimTimer): void;
}

export const systemSimClock: SimClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (timer) => globalThis.clearTimeout(timer),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (timer) => globalThis.clearInterval(timer),
};
