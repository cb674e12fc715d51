import type { CommandResult } from '../command-payload.ts';
import type { EntitySpec } from '../entity-spec.ts';
import { between } from '../sim-random.ts';
import {
  type DeviceContext,
  type DeviceKind,
  type DeviceSpec,
  SimulatedDevice,
} from '../simulated-device.ts';

export interface MotionState {
  readonly occupancy: boolean;
}

/** Seconds of quiet between two detections, before `pace`. */
const QUIET_SECONDS: readonly [number, number] = [45, 180];
/** Seconds a detection lasts, as a PIR sensor's occupancy timeout. */
const OCCUPIED_SECONDS: readonly [number, number] = [30, 60];

/** A PIR motion sensor reporting `occupancy`, as Zigbee2MQTT's. */
export class SimulatedMotionSensor extends SimulatedDevice<MotionState> {
  readonly kind: DeviceKind = 'motion';
  readonly model = 'Simulated motion sensor';
  /** When occupancy next flips; undefined until the first tick. */
  #nextChangeAt: number | undefined;

  constructor(spec: DeviceSpec, context: DeviceContext) {
    super(spec, context, { occupancy: false });
  }

  protected primaryEntities(): EntitySpec[] {
    return [
      {
        component: 'binary_sensor',
        key: 'occupancy',
        name: this.entityName,
        property: 'occupancy',
        deviceClass: 'motion',
        inverted: false,
      },
    ];
  }

  /** Reports a detection (or its end) now, whatever the liveliness schedule says. */
  setOccupancy(occupancy: boolean): void {
    this.report({ occupancy });
  }

  protected applyCommand(): CommandResult {
    return { ok: false, reason: 'a sensor has nothing to set' };
  }

  protected override live(now: number): void {
    const { random, pace } = this.context;
    if (this.#nextChangeAt === undefined) {
      this.#nextChangeAt = now + between(random, ...QUIET_SECONDS) * 1000 * pace;
      return;
    }
    if (now < this.#nextChangeAt) return;
    const occupancy = !this.state.occupancy;
    this.#nextChangeAt =
      now +
      (occupancy ? between(random, ...OCCUPIED_SECONDS) : between(random, ...QUIET_SECONDS) * pace) * 1000;
    this.report({ occupancy });
  }
}
