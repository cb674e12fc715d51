import { deviceStateTopic } from '../../hub/protocol/mqtt-conventions.ts';
import type { CommandResult } from '../command-payload.ts';
import {
  type DiscoveryMessage,
  deviceIdentifier,
  discoveryTopic,
  entityObjectId,
  SIM_ORIGIN,
  SIM_SW_VERSION,
  uniqueId,
} from '../discovery-config.ts';
import { between, clamp, roundTo } from '../sim-random.ts';
import {
  type DeviceContext,
  type DeviceKind,
  type DeviceSpec,
  SimulatedDevice,
} from '../simulated-device.ts';

export interface ClimateState {
  /** °C */
  readonly temperature: number;
  /** % relative humidity */
  readonly humidity: number;
}

export interface ClimateSpec extends DeviceSpec {
  readonly initial?: ClimateState;
}

/** A plausible indoor band; the random walk stays inside it. */
const TEMPERATURE_BAND: readonly [number, number] = [18, 25];
const HUMIDITY_BAND: readonly [number, number] = [30, 65];
/** Seconds between readings, before `pace`. */
const REPORT_SECONDS: readonly [number, number] = [3, 8];

/**
 * A temperature and humidity sensor. Its discovery uses the abbreviated keys and the `~` base
 * topic (https://www.home-assistant.io/integrations/mqtt/#using-abbreviations-and-base-topic), as
 * Tasmota and ESPHome do, so the hub's expansion of them is exercised.
 */
export class SimulatedClimateSensor extends SimulatedDevice<ClimateState> {
  readonly kind: DeviceKind = 'climate';
  readonly model = 'Simulated temperature and humidity sensor';
  #nextReportAt: number | undefined;

  constructor(spec: ClimateSpec, context: DeviceContext) {
    super(spec, context, spec.initial ?? { temperature: 21.3, humidity: 45 });
  }

  discoveryMessages(): DiscoveryMessage[] {
    const common = {
      '~': deviceStateTopic(this.name),
      stat_t: '~',
      avty_t: '~/availability',
      stat_cla: 'measurement',
      dev: {
        ids: [deviceIdentifier(this.name)],
        name: this.friendlyName,
        mf: 'hearth',
        mdl: this.model,
        sw: SIM_SW_VERSION,
        sa: this.area,
      },
      o: SIM_ORIGIN,
    };
    return [
      {
        topic: discoveryTopic('sensor', this.name, 'temperature'),
        config: {
          name: 'Temperature',
          uniq_id: uniqueId(this.name, 'temperature'),
          obj_id: entityObjectId(this.name, 'temperature'),
          val_tpl: '{{ value_json.temperature }}',
          dev_cla: 'temperature',
          unit_of_meas: '°C',
          ...common,
        },
      },
      {
        topic: discoveryTopic('sensor', this.name, 'humidity'),
        config: {
          name: 'Humidity',
          uniq_id: uniqueId(this.name, 'humidity'),
          obj_id: entityObjectId(this.name, 'humidity'),
          val_tpl: '{{ value_json.humidity }}',
          dev_cla: 'humidity',
          unit_of_meas: '%',
          ...common,
        },
      },
    ];
  }

  protected applyCommand(): CommandResult {
    return { ok: false, reason: 'a sensor has nothing to set' };
  }

  protected override live(now: number): void {
    const { random, pace } = this.context;
    if (this.#nextReportAt !== undefined && now < this.#nextReportAt) return;
    const first = this.#nextReportAt === undefined;
    this.#nextReportAt = now + between(random, ...REPORT_SECONDS) * 1000 * pace;
    if (first) return;
    const { temperature, humidity } = this.state;
    this.report({
      temperature: roundTo(clamp(temperature + between(random, -0.2, 0.2), ...TEMPERATURE_BAND), 1),
      humidity: roundTo(clamp(humidity + between(random, -1, 1), ...HUMIDITY_BAND), 1),
    });
  }
}
