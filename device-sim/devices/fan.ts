import { z } from 'zod';
import { type CommandResult, describeIssues, stateCommandSchema } from '../command-payload.ts';
import type { EntitySpec } from '../entity-spec.ts';
import {
  type DeviceContext,
  type DeviceKind,
  type DeviceSpec,
  SimulatedDevice,
} from '../simulated-device.ts';

/** Zigbee2MQTT's fan keys, plus oscillation and direction where the fan has them. */
export interface FanState {
  readonly fan_state: 'ON' | 'OFF';
  /** `off`, a speed, or a preset. */
  readonly fan_mode: string;
  readonly oscillating?: boolean;
  readonly direction?: 'forward' | 'reverse';
}

export interface FanSpec extends DeviceSpec {
  /** Slowest first; default low, medium, high. */
  readonly speeds?: readonly string[];
  /** Default `auto`. */
  readonly presets?: readonly string[];
  readonly oscillation?: boolean;
  readonly direction?: boolean;
  readonly initial?: Partial<FanState>;
}

const switchSchema = z.union([z.boolean(), stateCommandSchema]);

const commandSchema = z.object({
  state: stateCommandSchema.optional(),
  fan_state: stateCommandSchema.optional(),
  fan_mode: z.string().optional(),
  oscillating: switchSchema.optional(),
  direction: z
    .preprocess(
      (value) => (typeof value === 'string' && value.toUpperCase() === 'TOGGLE' ? 'TOGGLE' : value),
      z.enum(['forward', 'reverse', 'TOGGLE']),
    )
    .optional(),
});

/** A ceiling or desk fan: speeds, presets, and maybe oscillation and a reversible direction. */
export class SimulatedFan extends SimulatedDevice<FanState> {
  readonly kind: DeviceKind = 'fan';
  readonly model: string;
  readonly #speeds: readonly string[];
  readonly #presets: readonly string[];
  readonly #oscillation: boolean;
  readonly #direction: boolean;
  /** The mode a plain ON returns to. */
  #lastMode: string;

  constructor(spec: FanSpec, context: DeviceContext) {
    const speeds = spec.speeds ?? ['low', 'medium', 'high'];
    const initial: FanState = {
      fan_state: 'OFF',
      fan_mode: 'off',
      ...(spec.oscillation === true ? { oscillating: false } : {}),
      ...(spec.direction === true ? { direction: 'forward' as const } : {}),
      ...spec.initial,
    };
    super(spec, context, initial);
    this.#speeds = speeds;
    this.#presets = spec.presets ?? ['auto'];
    this.#oscillation = spec.oscillation === true;
    this.#direction = spec.direction === true;
    this.#lastMode = initial.fan_mode === 'off' ? (speeds[0] ?? 'on') : initial.fan_mode;
    this.model = spec.model ?? 'Simulated ceiling fan';
  }

  protected primaryEntities(): EntitySpec[] {
    return [
      {
        component: 'fan',
        key: 'fan',
        name: this.entityName,
        speeds: this.#speeds,
        presets: this.#presets,
        oscillation: this.#oscillation,
        direction: this.#direction,
      },
    ];
  }

  protected applyCommand(input: Readonly<Record<string, unknown>>): CommandResult {
    const parsed = commandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
    const command = parsed.data;
    let next: FanState = { ...this.state };
    const power = command.fan_state ?? command.state;
    if (power !== undefined) {
      const on = power === 'TOGGLE' ? next.fan_state === 'OFF' : power === 'ON';
      next = on
        ? { ...next, fan_state: 'ON', fan_mode: this.#lastMode }
        : { ...next, fan_state: 'OFF', fan_mode: 'off' };
    }
    if (command.fan_mode !== undefined) {
      const mode = command.fan_mode;
      if (mode === 'off') next = { ...next, fan_state: 'OFF', fan_mode: 'off' };
      else if (this.#speeds.includes(mode) || this.#presets.includes(mode))
        next = { ...next, fan_state: 'ON', fan_mode: mode };
      else return { ok: false, reason: `fan_mode: no mode "${mode}"` };
    }
    if (command.oscillating !== undefined) {
      if (!this.#oscillation) return { ok: false, reason: 'oscillating: this fan does not oscillate' };
      const value = command.oscillating;
      const oscillating = value === 'TOGGLE' ? !next.oscillating : value === true || value === 'ON';
      next = { ...next, oscillating };
    }
    if (command.direction !== undefined) {
      if (!this.#direction) return { ok: false, reason: 'direction: this fan turns one way' };
      const direction =
        command.direction === 'TOGGLE'
          ? next.direction === 'reverse'
            ? 'forward'
            : 'reverse'
          : command.direction;
      next = { ...next, direction };
    }
    if (next.fan_mode !== 'off') this.#lastMode = next.fan_mode;
    this.update(next);
    return { ok: true };
  }

  /** A new speed comes back one step off; any other command does not take. */
  protected override distort(before: FanState, after: FanState): FanState {
    const index = this.#speeds.indexOf(after.fan_mode);
    if (after.fan_mode === before.fan_mode || index < 0) return before;
    const wrong = this.#speeds[index > 0 ? index - 1 : index + 1] ?? after.fan_mode;
    return { ...after, fan_mode: wrong };
  }
}
