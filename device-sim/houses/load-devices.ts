import { SimulatedClimateSensor } from '../devices/climate-sensor.ts';
import { SimulatedDoorContact } from '../devices/door-contact.ts';
import { SimulatedLight } from '../devices/light.ts';
import { SimulatedMotionSensor } from '../devices/motion-sensor.ts';
import { SimulatedPlug } from '../devices/switch-with-power.ts';
import type { DeviceContext, DeviceSpec, SimulatedDevice } from '../simulated-device.ts';

export const LOAD_AREAS: readonly string[] = [
  'Living Room',
  'Kitchen',
  'Hallway',
  'Bedroom',
  'Office',
  'Bathroom',
  'Garage',
  'Garden',
];

type LoadKind = 'light' | 'switch' | 'climate' | 'motion' | 'door';

/** The cycle of kinds: lights and switches first, since those are what load tests command. */
const CYCLE: readonly {
  readonly kind: LoadKind;
  readonly build: (spec: DeviceSpec, c: DeviceContext) => SimulatedDevice;
}[] = [
  { kind: 'light', build: (spec, c) => new SimulatedLight({ ...spec, color: false }, c) },
  { kind: 'switch', build: (spec, c) => new SimulatedPlug({ ...spec, loadWatts: 40 }, c) },
  { kind: 'light', build: (spec, c) => new SimulatedLight({ ...spec, color: true }, c) },
  { kind: 'climate', build: (spec, c) => new SimulatedClimateSensor(spec, c) },
  { kind: 'switch', build: (spec, c) => new SimulatedPlug({ ...spec, loadWatts: 1200 }, c) },
  { kind: 'motion', build: (spec, c) => new SimulatedMotionSensor(spec, c) },
  { kind: 'door', build: (spec, c) => new SimulatedDoorContact(spec, c) },
];

/**
 * `count` extra devices of mixed kinds, `load-light-0001`, `load-switch-0002`, … spread over
 * `LOAD_AREAS`. Numbers are padded to at least four digits, so names sort in creation order.
 */
export function createLoadDevices(count: number, context: DeviceContext): SimulatedDevice[] {
  const width = Math.max(4, String(count).length);
  const devices: SimulatedDevice[] = [];
  for (let index = 1; index <= count; index++) {
    const entry = CYCLE[(index - 1) % CYCLE.length];
    const area = LOAD_AREAS[(index - 1) % LOAD_AREAS.length];
    if (entry === undefined || area === undefined) throw new Error('unreachable: empty cycle');
    const number = String(index).padStart(width, '0');
    const kindTitle = entry.kind[0]?.toUpperCase() + entry.kind.slice(1);
    devices.push(
      entry.build(
        { name: `load-${entry.kind}-${number}`, friendlyName: `Load ${kindTitle} ${number}`, area },
        context,
      ),
    );
  }
  return devices;
}
