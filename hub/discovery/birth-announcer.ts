import type { Clock, TimerHandle } from '../core/clock.ts';

/** Quiet time after the last discovery message before the birth goes out, in ms. */
const QUIET_MS = 300;
/** The birth goes out at the latest this long after it was asked for, however busy discovery is. */
const MAX_WAIT_MS = 5000;

/**
 * Sends Home Assistant's birth (`homeassistant/status` = `online`) once discovery has gone quiet,
 * as Home Assistant does (its `DISCOVERY_COOLDOWN`): the retained configs arrive right after the
 * subscription, and each entity subscribes to its state topic as its config is read. A device that
 * answers the birth with its state (Tasmota) before that subscription exists is not heard: a hub
 * started on a running broker, such as a second hub, would miss the states of such devices.
 */
export class BirthAnnouncer {
  private timer: TimerHandle | undefined;
  private requestedAt = 0;

  constructor(
    private readonly clock: Clock,
    private readonly publish: () => void,
  ) {}

  /** Asks for a birth, sent once discovery has been quiet for a moment. */
  request(): void {
    if (this.timer === undefined) this.requestedAt = this.clock.now();
    this.arm();
  }

  /** A discovery message arrived: a birth still to come waits for the burst to end. */
  activity(): void {
    if (this.timer !== undefined) this.arm();
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    this.stop();
    const left = this.requestedAt + MAX_WAIT_MS - this.clock.now();
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.publish();
      },
      Math.max(0, Math.min(QUIET_MS, left)),
    );
  }
}
