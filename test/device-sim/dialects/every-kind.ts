import { SimulatedClimateSensor } from '../../../device-sim/devices/climate-sensor.ts';
import { SimulatedCover } from '../../../device-sim/devices/cover.ts';
import { SimulatedDoorContact } from '../../../device-sim/devices/door-contact.ts';
import { SimulatedFan } from '../../../device-sim/devices/fan.ts';
import { SimulatedLight } from '../../../device-sim/devices/light.ts';
import { SimulatedLock } from '../../../device-sim/devices/lock.ts';
import { SimulatedMotionSensor } from '../../../device-sim/devices/motion-sensor.ts';
import { SimulatedPlug } from '../../../device-sim/devices/switch-with-power.ts';
import { SimulatedThermostat } from '../../../device-sim/devices/thermostat.ts';
import type { ExtraEntitySpec } from '../../../device-sim/entity-spec.ts';
import { systemSimClock } from '../../../device-sim/sim-clock.ts';
import type { DeviceContext, Dialect, SimulatedDevice } from '../../../device-sim/simulated-device.ts';
import { seededRandom } from '../manual-clock.ts';

export const context = (): DeviceContext => ({ clock: systemSimClock, random: seededRandom(11), pace: 1 });

/** A number, a select and a button, as a Zigbee2MQTT bulb or an ESPHome node carries them. */
export const EXTRAS: readonly ExtraEntitySpec[] = [
  {
    component: 'number',
    key: 'min_brightness',
    name: 'Min brightness',
    property: 'min_brightness',
    min: 1,
    max: 100,
    step: 1,
    unit: '%',
    mode: 'slider',
    entityCategory: 'config',
    initial: 5,
  },
  {
    component: 'select',
    key: 'power_on_behavior',
    name: 'Power-on behavior',
    property: 'power_on_behavior',
    options: ['off', 'on', 'previous'],
    initial: 'previous',
  },
  {
    component: 'button',
    key: 'identify',
    name: 'Identify',
    property: 'identify',
    payload: 'identify',
    action: 'identify',
    deviceClass: 'identify',
  },
];

/** One device of each kind, named after the kind, in `dialect`. */
export function deviceOf(kind: Kind, dialect: Dialect): SimulatedDevice {
  const spec = (name: string, friendlyName: string) => ({ name, friendlyName, area: 'Den', dialect });
  const c = context();
  switch (kind) {
    case 'dimmer':
      return new SimulatedLight({ ...spec('dimmer', 'Dimmer'), color: false }, c);
    case 'bulb':
      return new SimulatedLight(
        { ...spec('bulb', 'Bulb'), color: true, effects: ['0', '1', '2', '3', '4'] },
        c,
      );
    case 'plug':
      return new SimulatedPlug(
        { ...spec('plug', 'Plug'), loadWatts: 100, initiallyOn: true, meter: 'energy' },
        c,
      );
    case 'climate-sensor':
      return new SimulatedClimateSensor(spec('climate', 'Climate'), c);
    case 'motion':
      return new SimulatedMotionSensor(spec('motion', 'Motion'), c);
    case 'door':
      return new SimulatedDoorContact(spec('door', 'Door'), c);
    case 'radiator':
      return new SimulatedThermostat({ ...spec('radiator', 'Radiator'), variant: 'radiator-valve' }, c);
    case 'aircon':
      return new SimulatedThermostat(
        { ...spec('aircon', 'Aircon'), variant: 'air-conditioner', entityName: 'Air Conditioner' },
        c,
      );
    case 'roller':
      return new SimulatedCover({ ...spec('roller', 'Roller'), initial: { position: 40 } }, c);
    case 'venetian':
      return new SimulatedCover(
        {
          ...spec('venetian', 'Venetian'),
          tilt: true,
          deviceClass: 'blind',
          initial: { position: 100, tilt: 20 },
        },
        c,
      );
    case 'lock':
      return new SimulatedLock({ ...spec('lock', 'Front Door'), entityName: 'Lock' }, c);
    case 'fan':
      return new SimulatedFan(
        { ...spec('fan', 'Bedroom'), entityName: 'Ceiling Fan', oscillation: true, direction: true },
        c,
      );
    case 'extras':
      return new SimulatedLight({ ...spec('extras', 'Extras'), color: false, extras: EXTRAS }, c);
  }
}

export type Kind =
  | 'dimmer'
  | 'bulb'
  | 'plug'
  | 'climate-sensor'
  | 'motion'
  | 'door'
  | 'radiator'
  | 'aircon'
  | 'roller'
  | 'venetian'
  | 'lock'
  | 'fan'
  | 'extras';

export const KINDS: readonly Kind[] = [
  'dimmer',
  'bulb',
  'plug',
  'climate-sensor',
  'motion',
  'door',
  'radiator',
  'aircon',
  'roller',
  'venetian',
  'lock',
  'fan',
  'extras',
];
