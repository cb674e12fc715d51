import type { SimClock, SimTimer } from './sim-clock.ts';
import type { SimulatedDevice } from './simulated-device.ts';

/** Once a second: fine enough for drift every few seconds and motion that lasts 30–60 s. */
export const LIVELINESS_TICK_MS = 1000;

/**
 * One interval for every device, however many: each device keeps the time of its next change and
 * compares it with `now`, so 10,000 devices cost one timer and 10,000 comparisons a second.
 */
export class LivelinessTicker {
  readonly #devices: readonly SimulatedDevice[];
  readonly #clock: SimClock;
  readonly #log: (line: string) => void;
  readonly #periodMs: number;
  #timer: SimTimer | undefined;

  constructor(
    devices: readonly SimulatedDevice[],
    clock: SimClock,
    log: (line: string) => void,
    periodMs = LIVELINESS_TICK_MS,
  ) {
    this.#devices = devices;
    this.#clock = clock;
    this.#log = log;
    this.#periodMs = periodMs;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.tick();
    this.#timer = this.#clock.setInterval(() => this.tick(), this.#periodMs);
  }

  stop(): void {
    if (this.#timer === undefined) return;
    this.#clock.clearInterval(this.#timer);
    this.#timer = undefined;
  }

  tick(): void {
    const now = this.#clock.now();
    for (const device of this.#devices) {
      try {
        device.tick(now);
      } catch (error) {
        this.#log(`${device.name}: liveliness failed: ${String(error)}`);
      }
    }
  }
}
