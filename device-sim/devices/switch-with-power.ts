import { z } from 'zod';
import { type CommandResult, describeIssues, stateCommandSchema } from '../command-payload.ts';
import type { EntitySpec } from '../entity-spec.ts';
import { between, clamp, roundTo } from '../sim-random.ts';
import {
  type DeviceContext,
  type DeviceKind,
  type DeviceSpec,
  SimulatedDevice,
} from '../simulated-device.ts';

export interface PlugState {
  readonly state: 'ON' | 'OFF';
  /** Watts. */
  readonly power: number;
  /** Volts, with `meter: 'energy'`. */
  readonly voltage?: number;
  /** Amperes, with `meter: 'energy'`. */
  readonly current?: number;
  /** kWh since the plug was built, with `meter: 'energy'`. */
  readonly energy?: number;
}

export interface PlugSpec extends DeviceSpec {
  /** What the plugged-in appliance draws when on, in watts; the reading drifts ±10% around it. */
  readonly loadWatts: number;
  readonly initiallyOn?: boolean;
  /** `power` (default): watts only; `energy`: watts, volts, amperes and kWh, as a Sonoff S31. */
  readonly meter?: 'power' | 'energy';
}

/** Accepts the bare `ON`/`OFF`/`TOGGLE` (read as `{"state": …}`) and `{"state": "ON"}`. */
const plugCommandSchema = z.object({ state: stateCommandSchema.optional() });

/** Seconds between power readings while on, before `pace`. */
const POWER_REPORT_SECONDS: readonly [number, number] = [4, 8];
const MAINS_VOLTS = 230;

/** A smart plug with a power meter: a `switch` and `sensor` entities on one state. */
export class SimulatedPlug extends SimulatedDevice<PlugState> {
  readonly kind: DeviceKind = 'plug';
  readonly model: string;
  readonly #loadWatts: number;
  readonly #energyMeter: boolean;
  #nextReportAt: number | undefined;
  #lastReportAt: number | undefined;
  /** Unrounded, so that small steps add up; the state shows it to three decimals. */
  #energyKwh = 0;

  constructor(spec: PlugSpec, context: DeviceContext) {
    const on = spec.initiallyOn ?? false;
    const power = on ? spec.loadWatts : 0;
    const energy = spec.meter === 'energy';
    super(spec, context, {
      state: on ? 'ON' : 'OFF',
      power,
      ...(energy ? { voltage: MAINS_VOLTS, current: roundTo(power / MAINS_VOLTS, 3), energy: 0 } : {}),
    });
    this.#loadWatts = spec.loadWatts;
    this.#energyMeter = energy;
    this.model = spec.model ?? 'Simulated smart plug with power meter';
  }

  /** Its Zigbee2MQTT configs use `availability_topic`, the other form, so the hub meets both. */
  override get availabilityForm(): 'list' | 'topic' {
    return 'topic';
  }

  protected primaryEntities(): EntitySpec[] {
    const sensor = (
      property: string,
      name: string,
      deviceClass: string,
      unit: string,
      decimals: number,
      tasmotaKey: string,
      stateClass: 'measurement' | 'total_increasing' = 'measurement',
    ): EntitySpec => ({
      component: 'sensor',
      key: property,
      name,
      property,
      deviceClass,
      unit,
      stateClass,
      decimals,
      tasmota: ['ENERGY', tasmotaKey],
    });
    return [
      { component: 'switch', key: 'switch', name: this.entityName },
      sensor('power', 'Power', 'power', 'W', 1, 'Power'),
      ...(this.#energyMeter
        ? [
            sensor('voltage', 'Voltage', 'voltage', 'V', 0, 'Voltage'),
            sensor('current', 'Current', 'current', 'A', 3, 'Current'),
            sensor('energy', 'Energy', 'energy', 'kWh', 3, 'Total', 'total_increasing'),
          ]
        : []),
    ];
  }

  protected applyCommand(input: Readonly<Record<string, unknown>>): CommandResult {
    const parsed = plugCommandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
    const requested = parsed.data.state;
    const wasOn = this.state.state === 'ON';
    const on = requested === undefined ? wasOn : requested === 'TOGGLE' ? !wasOn : requested === 'ON';
    if (on !== wasOn) this.update(this.#reading(on, on ? this.#loadWatts : 0));
    return { ok: true };
  }

  protected override live(now: number): void {
    const { random, pace } = this.context;
    if (this.#nextReportAt !== undefined && now < this.#nextReportAt) return;
    const first = this.#nextReportAt === undefined;
    this.#nextReportAt = now + between(random, ...POWER_REPORT_SECONDS) * 1000 * pace;
    const since = this.#lastReportAt ?? now;
    this.#lastReportAt = now;
    if (first || this.state.state === 'OFF') return;
    const load = this.#loadWatts;
    const drifted = this.state.power + between(random, -0.03, 0.03) * load;
    const power = roundTo(clamp(drifted, load * 0.9, load * 1.1), 1);
    this.report(this.#reading(true, power, now - since));
  }

  /** The state for a power draw, with volts, amperes and the energy used over `elapsedMs`. */
  #reading(on: boolean, power: number, elapsedMs = 0): PlugState {
    const state = on ? 'ON' : 'OFF';
    if (!this.#energyMeter) return { state, power };
    const voltage = MAINS_VOLTS + roundTo(between(this.context.random, -2, 2), 0);
    this.#energyKwh += (power * elapsedMs) / 3_600_000_000;
    return {
      state,
      power,
      voltage,
      current: roundTo(power / voltage, 3),
      energy: roundTo(this.#energyKwh, 3),
    };
  }
}
