import { SimulatedClimateSensor } from '../devices/climate-sensor.ts';
import { SimulatedDoorContact } from '../devices/door-contact.ts';
import { SimulatedLight } from '../devices/light.ts';
import { SimulatedMotionSensor } from '../devices/motion-sensor.ts';
import { SimulatedPlug } from '../devices/switch-with-power.ts';
import type { DeviceContext, SimulatedDevice } from '../simulated-device.ts';

/**
 * A small house for the demo and the tests: one of every kind, in three areas.
 *
 * | device               | entities                                                          |
 * |----------------------|-------------------------------------------------------------------|
 * | living-room-ceiling  | light.living_room_ceiling (brightness)                            |
 * | living-room-lamp     | light.living_room_lamp (color_temp, hs)                           |
 * | kitchen-plug         | switch.kitchen_plug, sensor.kitchen_plug_power                    |
 * | living-room-climate  | sensor.living_room_climate_temperature, …_humidity (abbreviated)  |
 * | hallway-motion       | binary_sensor.hallway_motion                                      |
 * | hallway-door         | binary_sensor.hallway_door                                        |
 */
export function createDemoHouse(context: DeviceContext): SimulatedDevice[] {
  return [
    new SimulatedLight(
      {
        name: 'living-room-ceiling',
        friendlyName: 'Living Room Ceiling',
        area: 'Living Room',
        color: false,
        initial: { state: 'ON', brightness: 180 },
      },
      context,
    ),
    new SimulatedLight(
      { name: 'living-room-lamp', friendlyName: 'Living Room Lamp', area: 'Living Room', color: true },
      context,
    ),
    new SimulatedPlug(
      {
        name: 'kitchen-plug',
        friendlyName: 'Kitchen Plug',
        area: 'Kitchen',
        loadWatts: 85,
        initiallyOn: true,
      },
      context,
    ),
    new SimulatedClimateSensor(
      { name: 'living-room-climate', friendlyName: 'Living Room Climate', area: 'Living Room' },
      context,
    ),
    new SimulatedMotionSensor(
      { name: 'hallway-motion', friendlyName: 'Hallway Motion', area: 'Hallway' },
      context,
    ),
    new SimulatedDoorContact(
      { name: 'hallway-door', friendlyName: 'Hallway Door', area: 'Hallway' },
      context,
    ),
  ];
}
