import { type CommandResult, parseCommandPayload } from './command-payload.ts';
import type { DeviceInfo, DiscoveryMessage } from './discovery-config.ts';
import type { SimClock } from './sim-clock.ts';
import type { SimRandom } from './sim-random.ts';

/** What every device of one simulator shares. */
export interface DeviceContext {
  readonly clock: SimClock;
  readonly random: SimRandom;
  /**
   * Multiplies the intervals of a device's own activity (drift, motion, door): 1 for the demo
   * house, more for load devices so that 10,000 of them do not flood the broker.
   */
  readonly pace: number;
}

export interface DeviceSpec {
  /** The topic segment, `hearth/<name>`: lower case, digits and `-`. */
  readonly name: string;
  readonly friendlyName: string;
  readonly area: string;
}

export type DeviceKind = 'light' | 'color-light' | 'plug' | 'climate' | 'motion' | 'door';

export type StateListener = () => void;

/**
 * One simulated device, without the network: its state, its discovery configs, how it answers a
 * `/set` command and what it does on its own as time passes. `DeviceConnection` puts it on MQTT.
 */
export abstract class SimulatedDevice<S extends object = object> {
  readonly name: string;
  readonly friendlyName: string;
  readonly area: string;
  abstract readonly kind: DeviceKind;
  abstract readonly model: string;
  protected readonly context: DeviceContext;
  #state: Readonly<S>;
  #reachable = true;
  #listener: StateListener | undefined;

  protected constructor(spec: DeviceSpec, context: DeviceContext, initialState: S) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(spec.name)) throw new Error(`invalid device name: ${spec.name}`);
    this.name = spec.name;
    this.friendlyName = spec.friendlyName;
    this.area = spec.area;
    this.context = context;
    this.#state = Object.freeze(initialState);
  }

  /** The JSON object last published on `hearth/<name>` (or about to be). */
  get state(): Readonly<S> {
    return this.#state;
  }

  get info(): DeviceInfo {
    return { name: this.name, friendlyName: this.friendlyName, area: this.area, model: this.model };
  }

  get reachable(): boolean {
    return this.#reachable;
  }

  /**
   * An unreachable device stays `online` (its coordinator is up) but drops every command and stops
   * reporting, like a Zigbee device out of range: what command-timeout tests need.
   */
  setReachable(reachable: boolean): void {
    this.#reachable = reachable;
  }

  /** The connection's hook; called after every state change that must be published. */
  onState(listener: StateListener | undefined): void {
    this.#listener = listener;
  }

  /** One retained config per entity. */
  abstract discoveryMessages(): DiscoveryMessage[];

  /**
   * A `/set` payload. On success the device publishes its whole state, also when nothing changed,
   * as Zigbee2MQTT devices do; a payload it cannot use changes nothing and publishes nothing.
   */
  handleCommand(payload: string): CommandResult {
    if (!this.#reachable) return { ok: false, reason: 'device unreachable' };
    const parsed = parseCommandPayload(payload);
    if (!parsed.ok) return parsed;
    const result = this.applyCommand(parsed.command);
    if (result.ok) this.#listener?.();
    return result;
  }

  /** Called by the shared liveliness ticker, about once a second; `now` from the clock. */
  tick(now: number): void {
    if (this.#reachable) this.live(now);
  }

  /** What the device does on its own; nothing by default. */
  protected live(_now: number): void {}

  /** Applies a parsed command through `update`; the caller publishes. */
  protected abstract applyCommand(command: Readonly<Record<string, unknown>>): CommandResult;

  /** Replaces the state without publishing (inside `applyCommand`). */
  protected update(next: S): void {
    this.#state = Object.freeze(next);
  }

  /** Replaces the state and publishes it (changes the device makes on its own). */
  protected report(next: S): void {
    this.update(next);
    this.#listener?.();
  }
}
