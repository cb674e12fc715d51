import type { PublishOptions } from '../core/mqtt-transport.ts';

export interface HeldPublish {
  topic: string;
  payload: string | Buffer;
  options: PublishOptions;
  /** Epoch ms after which the message is stale and must never be sent. */
  deadline: number;
}

/**
 * Publishes made while the broker is unreachable, each kept only until its deadline: a command is
 * worth delivering while its caller still waits for the device's confirmation (`commandTimeoutMs`),
 * and never after — a heater switched on an hour late is worse than a failed call. (MQTT 5 has the
 * Message Expiry Interval, §3.3.2.3.3, for the same purpose between broker and device; 3.1.1 has
 * nothing, and mqtt.js's own offline queue keeps messages forever.) Bounded in number as well:
 * past `max`, the oldest goes.
 */
export class HeldPublishes {
  private held: HeldPublish[] = [];

  constructor(private readonly max: number) {}

  get size(): number {
    return this.held.length;
  }

  /** Keeps a message; returns the number dropped to make room (stale ones are not counted). */
  hold(message: HeldPublish, now: number): number {
    this.held = this.held.filter((m) => m.deadline > now);
    this.held.push(message);
    const over = this.held.length - this.max;
    if (over > 0) this.held.splice(0, over);
    return Math.max(0, over);
  }

  /** Takes every message still within its deadline, oldest first, and forgets the rest. */
  takeLive(now: number): HeldPublish[] {
    const live = this.held.filter((m) => m.deadline > now);
    this.held = [];
    return live;
  }
}
