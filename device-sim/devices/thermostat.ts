import { z } from 'zod';
import type { CommandResult } from '../command-payload.ts';
import { roundToStep } from '../device-extras.ts';
import type { ClimateMode, EntitySpec } from '../entity-spec.ts';
import { roundTo } from '../sim-random.ts';
import {
  type DeviceContext,
  type DeviceKind,
  type DeviceSpec,
  SimulatedDevice,
} from '../simulated-device.ts';

/** Zigbee2MQTT's thermostat keys (a TRV's `climate` expose). */
export interface ThermostatState {
  /** °C, what the device measures. */
  readonly local_temperature: number;
  /** °C, the target (also the cooling target on the air conditioner: one setpoint). */
  readonly current_heating_setpoint: number;
  readonly system_mode: ClimateMode;
  /** What it is doing: Home Assistant's `hvac_action` heating/cooling/idle/fan. */
  readonly running_state: 'idle' | 'heat' | 'cool' | 'fan_only';
  /** `none`, or one of the variant's presets. */
  readonly preset: string;
  /** The air conditioner's fan. */
  readonly fan_mode?: string;
}

export type ThermostatVariant = 'radiator-valve' | 'air-conditioner';

export interface ThermostatSpec extends DeviceSpec {
  readonly variant: ThermostatVariant;
  readonly initial?: Partial<ThermostatState>;
  /** °C, where the room drifts when nothing heats or cools it. */
  readonly ambient?: number;
}

interface VariantTraits {
  readonly modes: readonly ClimateMode[];
  /** Each preset's setpoint. */
  readonly presets: Readonly<Record<string, number>>;
  readonly fanModes: readonly string[];
  readonly minTemp: number;
  readonly maxTemp: number;
  readonly ambient: number;
  readonly initial: ThermostatState;
  readonly model: string;
}

const VARIANTS: Readonly<Record<ThermostatVariant, VariantTraits>> = {
  'radiator-valve': {
    modes: ['off', 'heat', 'auto'],
    presets: { eco: 17, comfort: 21, boost: 25 },
    fanModes: [],
    minTemp: 5,
    maxTemp: 30,
    ambient: 17,
    initial: {
      local_temperature: 19,
      current_heating_setpoint: 21,
      system_mode: 'heat',
      running_state: 'heat',
      preset: 'comfort',
    },
    model: 'Simulated thermostatic radiator valve',
  },
  'air-conditioner': {
    modes: ['off', 'heat', 'cool', 'auto', 'fan_only'],
    presets: { eco: 26, boost: 18, sleep: 25 },
    fanModes: ['auto', 'low', 'medium', 'high'],
    minTemp: 16,
    maxTemp: 30,
    ambient: 27,
    initial: {
      local_temperature: 26.5,
      current_heating_setpoint: 23,
      system_mode: 'cool',
      running_state: 'cool',
      preset: 'none',
      fan_mode: 'auto',
    },
    model: 'Simulated split air conditioner',
  },
};

/** °C steps of the setpoint. */
export const THERMOSTAT_STEP = 0.5;
/** Heating starts this far below the target (cooling above it) and stops on reaching it. */
const HYSTERESIS = 0.3;
/** Seconds per 0.1 °C while heating or cooling, and while drifting back to ambient; before `pace`. */
const ACTIVE_SECONDS = 5;
const IDLE_SECONDS = 15;
/** How far a `wrong` fault puts the reported setpoint from the requested one. */
const WRONG_SETPOINT_OFFSET = 1;

const commandSchema = z.object({
  system_mode: z.string().optional(),
  current_heating_setpoint: z.number().optional(),
  preset: z.string().optional(),
  fan_mode: z.string().optional(),
});

/**
 * A thermostatic radiator valve (off/heat/auto, eco/comfort/boost presets) or an air conditioner
 * (also cool and fan only, a fan with auto/low/medium/high). The room's temperature drifts toward
 * the target while it heats or cools, back toward ambient while it idles.
 */
export class SimulatedThermostat extends SimulatedDevice<ThermostatState> {
  readonly kind: DeviceKind = 'thermostat';
  readonly model: string;
  readonly variant: ThermostatVariant;
  readonly #traits: VariantTraits;
  readonly #ambient: number;
  readonly #cools: boolean;
  #nextStepAt: number | undefined;

  constructor(spec: ThermostatSpec, context: DeviceContext) {
    const traits = VARIANTS[spec.variant];
    const initial = { ...traits.initial, ...spec.initial };
    const cools = traits.modes.includes('cool');
    super(spec, context, { ...initial, running_state: runningState(initial, initial.running_state, cools) });
    this.variant = spec.variant;
    this.#traits = traits;
    this.#ambient = spec.ambient ?? traits.ambient;
    this.#cools = cools;
    this.model = spec.model ?? traits.model;
  }

  protected primaryEntities(): EntitySpec[] {
    const traits = this.#traits;
    return [
      {
        component: 'climate',
        key: 'climate',
        name: this.entityName,
        modes: traits.modes,
        presets: Object.keys(traits.presets),
        fanModes: traits.fanModes,
        minTemp: traits.minTemp,
        maxTemp: traits.maxTemp,
        step: THERMOSTAT_STEP,
      },
    ];
  }

  protected applyCommand(input: Readonly<Record<string, unknown>>): CommandResult {
    const parsed = commandSchema.safeParse(input);
    if (!parsed.success)
      return { ok: false, reason: 'expected system_mode, current_heating_setpoint, preset or fan_mode' };
    const command = parsed.data;
    const traits = this.#traits;
    let next: ThermostatState = { ...this.state };
    if (command.system_mode !== undefined) {
      const mode = command.system_mode.toLowerCase() as ClimateMode;
      if (!traits.modes.includes(mode))
        return { ok: false, reason: `system_mode: no mode "${command.system_mode}"` };
      next = { ...next, system_mode: mode };
    }
    if (command.preset !== undefined) {
      const setpoint = traits.presets[command.preset];
      if (command.preset !== 'none' && setpoint === undefined)
        return { ok: false, reason: `preset: no preset "${command.preset}"` };
      next = {
        ...next,
        preset: command.preset,
        ...(setpoint !== undefined ? { current_heating_setpoint: setpoint } : {}),
      };
    }
    if (command.current_heating_setpoint !== undefined) {
      const target = command.current_heating_setpoint;
      if (target < traits.minTemp || target > traits.maxTemp)
        return {
          ok: false,
          reason: `current_heating_setpoint: ${target} is outside ${traits.minTemp}..${traits.maxTemp}`,
        };
      // A setpoint set by hand leaves the preset.
      next = {
        ...next,
        current_heating_setpoint: roundToStep(target, traits.minTemp, THERMOSTAT_STEP),
        preset: 'none',
      };
    }
    if (command.fan_mode !== undefined) {
      if (!traits.fanModes.includes(command.fan_mode))
        return { ok: false, reason: `fan_mode: no fan mode "${command.fan_mode}"` };
      next = { ...next, fan_mode: command.fan_mode };
    }
    this.update({ ...next, running_state: runningState(next, this.state.running_state, this.#cools) });
    return { ok: true };
  }

  /** A new setpoint comes back a degree off; any other command does not take. */
  protected override distort(before: ThermostatState, after: ThermostatState): ThermostatState {
    if (after.current_heating_setpoint === before.current_heating_setpoint) return before;
    const setpoint = Math.min(this.#traits.maxTemp, after.current_heating_setpoint + WRONG_SETPOINT_OFFSET);
    const next = { ...after, current_heating_setpoint: setpoint };
    return { ...next, running_state: runningState(next, before.running_state, this.#cools) };
  }

  protected override live(now: number): void {
    if (this.#nextStepAt !== undefined && now < this.#nextStepAt) return;
    const first = this.#nextStepAt === undefined;
    const current = this.state;
    if (!first) {
      const toward =
        current.running_state === 'heat'
          ? 0.1
          : current.running_state === 'cool'
            ? -0.1
            : Math.abs(this.#ambient - current.local_temperature) < 0.1
              ? 0
              : Math.sign(this.#ambient - current.local_temperature) * 0.1;
      if (toward !== 0) {
        const moved = { ...current, local_temperature: roundTo(current.local_temperature + toward, 1) };
        this.report({ ...moved, running_state: runningState(moved, current.running_state, this.#cools) });
      }
    }
    const active = this.state.running_state === 'heat' || this.state.running_state === 'cool';
    this.#nextStepAt = now + (active ? ACTIVE_SECONDS : IDLE_SECONDS) * 1000 * this.context.pace;
  }
}

/**
 * Heat below the target (less the hysteresis) until it is reached; cool the other way; `auto`
 * does both on a device that can cool, and heats only on a radiator valve.
 */
function runningState(
  state: Pick<ThermostatState, 'system_mode' | 'local_temperature' | 'current_heating_setpoint'>,
  previous: ThermostatState['running_state'],
  cools: boolean,
): ThermostatState['running_state'] {
  const { system_mode: mode, local_temperature: local, current_heating_setpoint: target } = state;
  if (mode === 'off') return 'idle';
  if (mode === 'fan_only') return 'fan_only';
  const canHeat = mode === 'heat' || mode === 'auto';
  const canCool = cools && (mode === 'cool' || (mode === 'auto' && previous !== 'heat' && local > target));
  if (canHeat && (local <= target - HYSTERESIS || (previous === 'heat' && local < target))) return 'heat';
  if (canCool && (local >= target + HYSTERESIS || (previous === 'cool' && local > target))) return 'cool';
  return 'idle';
}
