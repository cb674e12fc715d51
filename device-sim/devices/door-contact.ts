import type { CommandResult } from '../command-payload.ts';
import type { EntitySpec } from '../entity-spec.ts';
import { between } from '../sim-random.ts';
import {
  type DeviceContext,
  type DeviceKind,
  type DeviceSpec,
  SimulatedDevice,
} from '../simulated-device.ts';

export interface DoorState {
  /** Zigbee2MQTT's convention: `true` when the magnet is near, i.e. the door is CLOSED. */
  readonly contact: boolean;
}

/** Seconds the door stays closed between two openings, before `pace`. */
const CLOSED_SECONDS: readonly [number, number] = [60, 240];
/** Seconds it stays open. */
const OPEN_SECONDS: readonly [number, number] = [5, 20];

/** A door contact sensor. */
export class SimulatedDoorContact extends SimulatedDevice<DoorState> {
  readonly kind: DeviceKind = 'door';
  readonly model = 'Simulated door contact';
  #nextChangeAt: number | undefined;

  constructor(spec: DeviceSpec, context: DeviceContext) {
    super(spec, context, { contact: true });
  }

  protected primaryEntities(): EntitySpec[] {
    return [
      {
        component: 'binary_sensor',
        key: 'contact',
        name: this.entityName,
        property: 'contact',
        deviceClass: 'door',
        inverted: true,
      },
    ];
  }

  /** Opens or closes the door now, whatever the liveliness schedule says. */
  setOpen(open: boolean): void {
    this.report({ contact: !open });
  }

  protected applyCommand(): CommandResult {
    return { ok: false, reason: 'a sensor has nothing to set' };
  }

  protected override live(now: number): void {
    const { random, pace } = this.context;
    if (this.#nextChangeAt === undefined) {
      this.#nextChangeAt = now + between(random, ...CLOSED_SECONDS) * 1000 * pace;
      return;
    }
    if (now < this.#nextChangeAt) return;
    const opening = this.state.contact;
    this.#nextChangeAt =
      now + (opening ? between(random, ...OPEN_SECONDS) : between(random, ...CLOSED_SECONDS) * pace) * 1000;
    this.report({ contact: !opening });
  }
}
