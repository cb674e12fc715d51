import { type CommandResult, parseCommandPayload } from './command-payload.ts';
import { checkExtras, initialSettings, readExtras, type SettingValues } from './device-extras.ts';
import { type DeviceFault, NO_FAULT } from './device-fault.ts';
import type { DeviceWire } from './dialects/device-wire.ts';
import { wireFor } from './dialects/wire-for.ts';
import type { DeviceInfo, DiscoveryMessage } from './discovery-config.ts';
import type { EntitySpec, ExtraEntitySpec } from './entity-spec.ts';
import type { SimClock, SimTimer } from './sim-clock.ts';
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
  /** Things a device does that are worth a line (a button pressed, a delayed command failing). */
  readonly log?: (line: string) => void;
}

/** The firmware whose MQTT layout and discovery a device speaks. */
export type Dialect = 'zigbee2mqtt' | 'tasmota' | 'esphome';

export const DIALECTS: readonly Dialect[] = ['zigbee2mqtt', 'tasmota', 'esphome'];

export interface DeviceSpec {
  /** The topic segment (`hearth/<name>`, `cmnd/<name>/…`, `<name>/…`): lower case, digits and `-`. */
  readonly name: string;
  readonly friendlyName: string;
  readonly area: string;
  /** Default `zigbee2mqtt`. */
  readonly dialect?: Dialect;
  /** Numbers, selects and buttons besides the main feature. */
  readonly extras?: readonly ExtraEntitySpec[];
  /** The model the device block names; each kind has a default. */
  readonly model?: string;
  /**
   * The main entity's own name; none by default, so it is named after the device. An ESPHome node
   * named after a room gives its entity a name: node `bedroom`, `Ceiling Fan` → `fan.bedroom_ceiling_fan`.
   */
  readonly entityName?: string;
}

export type DeviceKind =
  | 'light'
  | 'color-light'
  | 'plug'
  | 'climate'
  | 'motion'
  | 'door'
  | 'thermostat'
  | 'cover'
  | 'lock'
  | 'fan';

/**
 * Why a device publishes: its answer to a command, a change of its own, what it sends at once on
 * (re)connecting, or its state shortly after it announced itself.
 */
export type ReportReason = 'command' | 'report' | 'connect' | 'announce';
export type StateListener = (reason: ReportReason) => void;
export type AvailabilityListener = (online: boolean) => void;

/** How long a restart (a `restart` button) keeps a device offline. */
export const RESTART_MS = 3000;

/**
 * One simulated device, without the network: its state (Zigbee2MQTT's JSON form), its entities,
 * how it answers a command, what it does on its own as time passes, and the fault injected into
 * it. `DeviceConnection` puts it on MQTT in its dialect.
 */
export abstract class SimulatedDevice<S extends object = object> {
  readonly name: string;
  readonly friendlyName: string;
  readonly area: string;
  readonly dialect: Dialect;
  /** The main entity's name: `null` names it after the device. */
  readonly entityName: string | null;
  /** When the device was built, on its clock: its uptime counts from here (Tasmota reports it). */
  readonly createdAt: number;
  abstract readonly kind: DeviceKind;
  abstract readonly model: string;
  protected readonly context: DeviceContext;
  readonly #extras: readonly ExtraEntitySpec[];
  #state: Readonly<S>;
  #settings: SettingValues;
  #fault: DeviceFault = NO_FAULT;
  #flapDown = false;
  #flapTimer: SimTimer | undefined;
  #restarting = false;
  readonly #timers = new Set<SimTimer>();
  #listener: StateListener | undefined;
  #availabilityListener: AvailabilityListener | undefined;
  #entities: readonly EntitySpec[] | undefined;
  #wire: DeviceWire | undefined;

  protected constructor(spec: DeviceSpec, context: DeviceContext, initialState: S) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(spec.name)) throw new Error(`invalid device name: ${spec.name}`);
    this.name = spec.name;
    this.friendlyName = spec.friendlyName;
    this.area = spec.area;
    this.dialect = spec.dialect ?? 'zigbee2mqtt';
    this.entityName = spec.entityName ?? null;
    this.context = context;
    this.createdAt = context.clock.now();
    this.#extras = spec.extras ?? [];
    checkExtras(spec.name, this.#extras);
    this.#settings = Object.freeze(initialSettings(this.#extras));
    this.#state = Object.freeze(initialState);
  }

  /** The device's state in Zigbee2MQTT's form: what a Z2M device publishes on `hearth/<name>`. */
  get state(): Readonly<S> {
    return this.#state;
  }

  /** The time on the device's clock (milliseconds since the epoch), for payloads that carry it. */
  now(): number {
    return this.context.clock.now();
  }

  /** The values of its numbers and selects, by property. */
  get settings(): SettingValues {
    return this.#settings;
  }

  /** Its main feature's entities, then its extras. */
  get entities(): readonly EntitySpec[] {
    this.#entities ??= Object.freeze([...this.primaryEntities(), ...this.#extras]);
    return this.#entities;
  }

  get info(): DeviceInfo {
    return { name: this.name, friendlyName: this.friendlyName, area: this.area, model: this.model };
  }

  /** Its MQTT layout; throws when the dialect cannot express one of its entities. */
  get wire(): DeviceWire {
    this.#wire ??= wireFor(this);
    return this.#wire;
  }

  /** One retained config per entity, in the device's dialect. */
  discoveryMessages(): DiscoveryMessage[] {
    return this.wire.discovery();
  }

  /**
   * How its Zigbee2MQTT configs give availability: the `availability` list, as Zigbee2MQTT does, or
   * one `availability_topic` (the plug), so that the hub meets both forms.
   */
  get availabilityForm(): 'list' | 'topic' {
    return 'list';
  }

  get fault(): DeviceFault {
    return this.#fault;
  }

  /** False under a `drop` fault. */
  get reachable(): boolean {
    return this.#fault.kind !== 'drop';
  }

  /** What its availability topic says: false while offline, flapping down or restarting. */
  get online(): boolean {
    return !this.#restarting && this.#fault.kind !== 'offline' && !this.#flapDown;
  }

  /** `setReachable(false)` is `setFault({ kind: 'drop' })`; `true` clears a drop. */
  setReachable(reachable: boolean): void {
    if (!reachable) this.setFault({ kind: 'drop' });
    else if (this.#fault.kind === 'drop') this.setFault(NO_FAULT);
  }

  /** Replaces the fault; `{ kind: 'none' }` clears it. Availability changes are published at once. */
  setFault(fault: DeviceFault): void {
    const wasOnline = this.online;
    if (this.#flapTimer !== undefined) this.context.clock.clearInterval(this.#flapTimer);
    this.#flapTimer = undefined;
    this.#flapDown = false;
    this.#fault = Object.freeze({ ...fault });
    if (fault.kind === 'flap') {
      this.#flapTimer = this.context.clock.setInterval(() => {
        const before = this.online;
        this.#flapDown = !this.#flapDown;
        if (this.online !== before) this.#availabilityListener?.(this.online);
      }, fault.ms);
    }
    if (this.online !== wasOnline) this.#availabilityListener?.(this.online);
  }

  /** The connection's hook; called after every state change that must be published. */
  onState(listener: StateListener | undefined): void {
    this.#listener = listener;
  }

  /** The connection's hook for availability changes (faults, restarts). */
  onAvailability(listener: AvailabilityListener | undefined): void {
    this.#availabilityListener = listener;
  }

  /**
   * A Zigbee2MQTT `/set` payload. On success the device publishes its whole state, also when
   * nothing changed, as Zigbee2MQTT devices do; a payload it cannot use changes nothing.
   */
  handleCommand(payload: string): CommandResult {
    const parsed = parseCommandPayload(payload);
    if (!parsed.ok) return parsed;
    return this.apply(parsed.command);
  }

  /** A command in Zigbee2MQTT's form, whatever dialect it arrived in. */
  apply(command: Readonly<Record<string, unknown>>): CommandResult {
    if (!this.reachable) return { ok: false, reason: 'device unreachable' };
    if (!this.online) return { ok: false, reason: 'device offline' };
    if (this.#fault.kind === 'delay') {
      const ms = this.#fault.ms;
      this.#after(ms, () => {
        const result = this.reachable && this.online ? this.#perform(command) : undefined;
        if (result !== undefined && !result.ok)
          this.context.log?.(`${this.name}: delayed command ignored: ${result.reason}`);
      });
      return { ok: true, delayedMs: ms };
    }
    return this.#perform(command);
  }

  /** Called by the shared liveliness ticker, about once a second; `now` from the clock. */
  tick(now: number): void {
    if (this.reachable && this.online) this.live(now);
  }

  /** Cancels the device's timers (travel, transitions, delayed commands, flapping): it goes quiet. */
  stop(): void {
    for (const timer of this.#timers) this.context.clock.clearTimeout(timer);
    this.#timers.clear();
    if (this.#flapTimer !== undefined) this.context.clock.clearInterval(this.#flapTimer);
    this.#flapTimer = undefined;
  }

  /** The main feature's entities. */
  protected abstract primaryEntities(): EntitySpec[];

  /** What the device does on its own; nothing by default. */
  protected live(_now: number): void {}

  /** Applies a parsed command through `update`; the caller publishes. */
  protected abstract applyCommand(command: Readonly<Record<string, unknown>>): CommandResult;

  /**
   * Under a `wrong` fault, what the device reports instead of `after`. By default the command
   * does not take: the state stays `before` (a relay that sticks).
   */
  protected distort(before: Readonly<S>, _after: Readonly<S>): S {
    return before as S;
  }

  /** Replaces the state without publishing (inside `applyCommand`). */
  protected update(next: S): void {
    this.#state = Object.freeze(next);
  }

  /** Replaces the state and publishes it (changes the device makes on its own), unless muted by a fault. */
  protected report(next: S): void {
    this.update(next);
    if (this.reachable && this.online) this.#listener?.('report');
  }

  /** A one-off timer on the device's clock, cancelled by `stop`; returns its cancel. */
  protected after(ms: number, fn: () => void): () => void {
    return this.#after(ms, fn);
  }

  #after(ms: number, fn: () => void): () => void {
    const timer = this.context.clock.setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
    return () => {
      this.context.clock.clearTimeout(timer);
      this.#timers.delete(timer);
    };
  }

  #perform(command: Readonly<Record<string, unknown>>): CommandResult {
    const before = this.#state;
    const extras = readExtras(this.#extras, this.#settings, command);
    if (!extras.ok) return extras;
    if (extras.rest !== undefined) {
      const result = this.applyCommand(extras.rest);
      if (!result.ok) return result;
    }
    this.#settings = Object.freeze(extras.settings);
    if (this.#fault.kind === 'wrong') this.update(this.distort(before, this.#state));
    this.#listener?.('command');
    for (const button of extras.presses) this.#press(button.action);
    return { ok: true };
  }

  #press(action: 'identify' | 'restart'): void {
    if (action === 'identify') {
      this.context.log?.(`${this.name}: identify: blinking`);
      return;
    }
    this.context.log?.(`${this.name}: restarting`);
    this.#restarting = true;
    this.#availabilityListener?.(false);
    this.#after(RESTART_MS, () => {
      this.#restarting = false;
      if (this.online) this.#availabilityListener?.(true);
    });
  }
}
