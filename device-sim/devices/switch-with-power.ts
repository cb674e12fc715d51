import { z } from 'zod';
import {
  deviceAvailabilityTopic,
  deviceCommandTopic,
  deviceStateTopic,
} from '../../hub/protocol/mqtt-conventions.ts';
import { type CommandResult, describeIssues, stateCommandSchema } from '../command-payload.ts';
import {
  type DiscoveryMessage,
  deviceBlock,
  discoveryTopic,
  entityObjectId,
  SIM_ORIGIN,
  uniqueId,
} from '../discovery-config.ts';
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
}

export interface PlugSpec extends DeviceSpec {
  /** What the plugged-in appliance draws when on, in watts; the reading drifts ±10% around it. */
  readonly loadWatts: number;
  readonly initiallyOn?: boolean;
}

/** Accepts the bare `ON`/`OFF`/`TOGGLE` (read as `{"state": …}`) and `{"state": "ON"}`. */
const plugCommandSchema = z.object({ state: stateCommandSchema.optional() });

/** Seconds between power readings while on, before `pace`. */
const POWER_REPORT_SECONDS: readonly [number, number] = [4, 8];

/** A smart plug with a power meter: a `switch` and a `sensor` entity on one state topic. */
export class SimulatedPlug extends SimulatedDevice<PlugState> {
  readonly kind: DeviceKind = 'plug';
  readonly model = 'Simulated smart plug with power meter';
  readonly #loadWatts: number;
  #nextReportAt: number | undefined;

  constructor(spec: PlugSpec, context: DeviceContext) {
    const on = spec.initiallyOn ?? false;
    super(spec, context, { state: on ? 'ON' : 'OFF', power: on ? spec.loadWatts : 0 });
    this.#loadWatts = spec.loadWatts;
  }

  discoveryMessages(): DiscoveryMessage[] {
    // This device uses `availability_topic`, the other form of availability, so the hub meets both.
    const common = {
      availability_topic: deviceAvailabilityTopic(this.name),
      device: deviceBlock(this.info),
      origin: SIM_ORIGIN,
    };
    return [
      {
        topic: discoveryTopic('switch', this.name, 'switch'),
        config: {
          name: null,
          unique_id: uniqueId(this.name, 'switch'),
          object_id: entityObjectId(this.name),
          state_topic: deviceStateTopic(this.name),
          value_template: '{{ value_json.state }}',
          command_topic: deviceCommandTopic(this.name),
          payload_on: 'ON',
          payload_off: 'OFF',
          ...common,
        },
      },
      {
        topic: discoveryTopic('sensor', this.name, 'power'),
        config: {
          name: 'Power',
          unique_id: uniqueId(this.name, 'power'),
          object_id: entityObjectId(this.name, 'power'),
          state_topic: deviceStateTopic(this.name),
          value_template: '{{ value_json.power }}',
          device_class: 'power',
          unit_of_measurement: 'W',
          state_class: 'measurement',
          ...common,
        },
      },
    ];
  }

  protected applyCommand(input: Readonly<Record<string, unknown>>): CommandResult {
    const parsed = plugCommandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
    const requested = parsed.data.state;
    const wasOn = this.state.state === 'ON';
    const on = requested === undefined ? wasOn : requested === 'TOGGLE' ? !wasOn : requested === 'ON';
    if (on !== wasOn) this.update({ state: on ? 'ON' : 'OFF', power: on ? this.#loadWatts : 0 });
    return { ok: true };
  }

  protected override live(now: number): void {
    const { random, pace } = this.context;
    if (this.#nextReportAt !== undefined && now < this.#nextReportAt) return;
    const first = this.#nextReportAt === undefined;
    this.#nextReportAt = now + between(random, ...POWER_REPORT_SECONDS) * 1000 * pace;
    if (first || this.state.state === 'OFF') return;
    const load = this.#loadWatts;
    const drifted = this.state.power + between(random, -0.03, 0.03) * load;
    this.report({ state: 'ON', power: roundTo(clamp(drifted, load * 0.9, load * 1.1), 1) });
  }
}
