import type { CommandResult } from '../command-payload.ts';
import type { EntitySpec } from '../entity-spec.ts';
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
 * A temperature and humidity sensor: an Aqara-like Zigbee sensor, an ESPHome node with a DHT22, or
 * a Tasmota device with an AM2301 (abbreviated discovery keys in those two dialects).
 */
export class SimulatedClimateSensor extends SimulatedDevice<ClimateState> {
  readonly kind: DeviceKind = 'climate';
  readonly model: string;
  #nextReportAt: number | undefined;

  constructor(spec: ClimateSpec, context: DeviceContext) {
    super(spec, context, spec.initial ?? { temperature: 21.3, humidity: 45 });
    this.model = spec.model ?? 'Simulated temperature and humidity sensor';
  }

  protected primaryEntities(): EntitySpec[] {
    return [
      {
        component: 'sensor',
        key: 'temperature',
        name: 'Temperature',
        property: 'temperature',
        deviceClass: 'temperature',
        unit: '°C',
        stateClass: 'measurement',
        decimals: 1,
        tasmota: ['AM2301', 'Temperature'],
      },
      {
        component: 'sensor',
        key: 'humidity',
        name: 'Humidity',
        property: 'humidity',
        deviceClass: 'humidity',
        unit: '%',
        stateClass: 'measurement',
        decimals: 1,
        tasmota: ['AM2301', 'Humidity'],
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
