import { SimulatedClimateSensor } from '../devices/climate-sensor.ts';
import { SimulatedCover } from '../devices/cover.ts';
import { SimulatedDoorContact } from '../devices/door-contact.ts';
import { SimulatedFan } from '../devices/fan.ts';
import { SimulatedLight } from '../devices/light.ts';
import { SimulatedLock } from '../devices/lock.ts';
import { SimulatedMotionSensor } from '../devices/motion-sensor.ts';
import { SimulatedPlug } from '../devices/switch-with-power.ts';
import { SimulatedThermostat } from '../devices/thermostat.ts';
import type { DeviceContext, SimulatedDevice } from '../simulated-device.ts';

/**
 * A house for the demo and the tests: every kind of entity, in the three dialects. Tasmota's
 * discovery carries no area, so its devices land in no area (Home Assistant's "Other").
 *
 * | device              | dialect | area        | entities                                                               |
 * |---------------------|---------|-------------|------------------------------------------------------------------------|
 * | living-room-ceiling | z2m     | Living Room | light.living_room_ceiling                                              |
 * | living-room-lamp    | z2m     | Living Room | light.living_room_lamp                                                 |
 * | kitchen-plug        | z2m     | Kitchen     | switch.kitchen_plug, sensor.kitchen_plug_power                         |
 * | living-room-climate | esphome | Living Room | sensor.living_room_climate_temperature, …_humidity                     |
 * | hallway-motion      | z2m     | Hallway     | binary_sensor.hallway_motion                                           |
 * | hallway-door        | z2m     | Hallway     | binary_sensor.hallway_door                                             |
 * | hallway-light       | z2m     | Hallway     | light.hallway_light, select.hallway_light_power_on_behavior,           |
 * |                     |         |             | button.hallway_light_identify                                          |
 * | bedroom-radiator    | z2m     | Bedroom     | climate.bedroom_radiator, number.bedroom_radiator_local_temperature_calibration |
 * | living-room-blind   | z2m     | Living Room | cover.living_room_blind                                                |
 * | front-door          | esphome | Hallway     | lock.front_door_lock                                                   |
 * | bedroom             | esphome | Bedroom     | fan.bedroom_ceiling_fan                                                |
 * | office              | esphome | Office      | climate.office_air_conditioner, button.office_restart                  |
 * | heater-plug         | tasmota | —           | switch.heater_plug, sensor.heater_plug_energy_{power,voltage,current,total}, sensor.heater_plug_status |
 * | bedroom-bulb        | tasmota | —           | light.bedroom_bulb, sensor.bedroom_bulb_status                         |
 * | office-blind        | tasmota | —           | cover.office_blind, sensor.office_blind_status                         |
 *
 * The Zigbee2MQTT lights come first: tests and the panel pick "the first light" and watch
 * `hearth/+` for its report.
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
      {
        name: 'living-room-climate',
        friendlyName: 'Living Room Climate',
        area: 'Living Room',
        dialect: 'esphome',
      },
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
    new SimulatedLight(
      {
        name: 'hallway-light',
        friendlyName: 'Hallway Light',
        area: 'Hallway',
        color: false,
        extras: [
          // Zigbee2MQTT's `power_on_behavior` enum, and its `identify` button.
          {
            component: 'select',
            key: 'power_on_behavior',
            name: 'Power-on behavior',
            property: 'power_on_behavior',
            options: ['off', 'on', 'toggle', 'previous'],
            initial: 'previous',
            entityCategory: 'config',
            icon: 'mdi:power-settings',
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
        ],
      },
      context,
    ),
    new SimulatedThermostat(
      {
        name: 'bedroom-radiator',
        friendlyName: 'Bedroom Radiator',
        area: 'Bedroom',
        variant: 'radiator-valve',
        extras: [
          // Zigbee2MQTT's `local_temperature_calibration`, which it announces with the climate.
          {
            component: 'number',
            key: 'local_temperature_calibration',
            name: 'Local temperature calibration',
            property: 'local_temperature_calibration',
            min: -5,
            max: 5,
            step: 0.5,
            unit: '°C',
            deviceClass: 'temperature',
            entityCategory: 'config',
            icon: 'mdi:math-compass',
            initial: 0,
          },
        ],
      },
      context,
    ),
    new SimulatedCover(
      {
        name: 'living-room-blind',
        friendlyName: 'Living Room Blind',
        area: 'Living Room',
        initial: { position: 100 },
      },
      context,
    ),
    new SimulatedLock(
      {
        name: 'front-door',
        friendlyName: 'Front Door',
        area: 'Hallway',
        dialect: 'esphome',
        entityName: 'Lock',
      },
      context,
    ),
    new SimulatedFan(
      {
        name: 'bedroom',
        friendlyName: 'Bedroom',
        area: 'Bedroom',
        dialect: 'esphome',
        entityName: 'Ceiling Fan',
        oscillation: true,
        direction: true,
      },
      context,
    ),
    new SimulatedThermostat(
      {
        name: 'office',
        friendlyName: 'Office',
        area: 'Office',
        dialect: 'esphome',
        entityName: 'Air Conditioner',
        variant: 'air-conditioner',
        extras: [
          {
            component: 'button',
            key: 'restart',
            name: 'Restart',
            property: 'restart',
            payload: 'restart',
            action: 'restart',
            deviceClass: 'restart',
            entityCategory: 'config',
          },
        ],
      },
      context,
    ),
    new SimulatedPlug(
      {
        name: 'heater-plug',
        friendlyName: 'Heater Plug',
        area: 'Office',
        dialect: 'tasmota',
        loadWatts: 1500,
        meter: 'energy',
        model: 'Sonoff S31',
      },
      context,
    ),
    new SimulatedLight(
      {
        name: 'bedroom-bulb',
        friendlyName: 'Bedroom Bulb',
        area: 'Bedroom',
        dialect: 'tasmota',
        color: true,
        effects: ['0', '1', '2', '3', '4'],
        model: 'Athom 15W RGBCCT Bulb',
      },
      context,
    ),
    new SimulatedCover(
      {
        name: 'office-blind',
        friendlyName: 'Office Blind',
        area: 'Office',
        dialect: 'tasmota',
        tilt: true,
        initial: { position: 60, tilt: 50 },
        model: 'Shelly 2.5',
      },
      context,
    ),
  ];
}
