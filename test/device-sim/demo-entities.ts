import { slugify } from '../../device-sim/discovery-config.ts';
import type { Dialect } from '../../device-sim/simulated-device.ts';

/** Every entity of the demo house: where its config is, and the entity id it makes. */
export const DEMO_ENTITIES: readonly {
  readonly device: string;
  readonly dialect: Dialect;
  readonly entityId: string;
  readonly topic: string;
}[] = [
  z2m('living-room-ceiling', 'light.living_room_ceiling', 'light/living-room-ceiling/light'),
  z2m('living-room-lamp', 'light.living_room_lamp', 'light/living-room-lamp/light'),
  z2m('kitchen-plug', 'switch.kitchen_plug', 'switch/kitchen-plug/switch'),
  z2m('kitchen-plug', 'sensor.kitchen_plug_power', 'sensor/kitchen-plug/power'),
  esphome(
    'living-room-climate',
    'sensor.living_room_climate_temperature',
    'sensor/living-room-climate/temperature',
  ),
  esphome(
    'living-room-climate',
    'sensor.living_room_climate_humidity',
    'sensor/living-room-climate/humidity',
  ),
  z2m('hallway-motion', 'binary_sensor.hallway_motion', 'binary_sensor/hallway-motion/occupancy'),
  z2m('hallway-door', 'binary_sensor.hallway_door', 'binary_sensor/hallway-door/contact'),
  z2m('hallway-light', 'light.hallway_light', 'light/hallway-light/light'),
  z2m('hallway-light', 'select.hallway_light_power_on_behavior', 'select/hallway-light/power_on_behavior'),
  z2m('hallway-light', 'button.hallway_light_identify', 'button/hallway-light/identify'),
  z2m('bedroom-radiator', 'climate.bedroom_radiator', 'climate/bedroom-radiator/climate'),
  z2m(
    'bedroom-radiator',
    'number.bedroom_radiator_local_temperature_calibration',
    'number/bedroom-radiator/local_temperature_calibration',
  ),
  z2m('living-room-blind', 'cover.living_room_blind', 'cover/living-room-blind/cover'),
  esphome('front-door', 'lock.front_door_lock', 'lock/front-door/lock'),
  esphome('bedroom', 'fan.bedroom_ceiling_fan', 'fan/bedroom/ceiling_fan'),
  esphome('office', 'climate.office_air_conditioner', 'climate/office/air_conditioner'),
  esphome('office', 'button.office_restart', 'button/office/restart'),
  tasmota('heater-plug', 'switch.heater_plug', 'switch/8F3AA5_RL_1'),
  tasmota('heater-plug', 'sensor.heater_plug_energy_power', 'sensor/8F3AA5_ENERGY_Power'),
  tasmota('heater-plug', 'sensor.heater_plug_energy_voltage', 'sensor/8F3AA5_ENERGY_Voltage'),
  tasmota('heater-plug', 'sensor.heater_plug_energy_current', 'sensor/8F3AA5_ENERGY_Current'),
  tasmota('heater-plug', 'sensor.heater_plug_energy_total', 'sensor/8F3AA5_ENERGY_Total'),
  tasmota('heater-plug', 'sensor.heater_plug_status', 'sensor/8F3AA5_status'),
  tasmota('bedroom-bulb', 'light.bedroom_bulb', 'light/17665C_LI_1'),
  tasmota('bedroom-bulb', 'sensor.bedroom_bulb_status', 'sensor/17665C_status'),
  tasmota('office-blind', 'cover.office_blind', 'cover/83A763_SHT_1'),
  tasmota('office-blind', 'sensor.office_blind_status', 'sensor/83A763_status'),
];

export const DEMO_DISCOVERY_TOPICS: readonly string[] = DEMO_ENTITIES.map((entity) => entity.topic);

/** Each demo device with the topic its availability (and last will) goes to, and what "online" is. */
export const DEMO_AVAILABILITY: readonly {
  device: string;
  topic: string;
  online: string;
  offline: string;
}[] = [...new Map(DEMO_ENTITIES.map((entity) => [entity.device, entity.dialect])).entries()].map(
  ([device, dialect]) =>
    dialect === 'zigbee2mqtt'
      ? { device, topic: `hearth/${device}/availability`, online: 'online', offline: 'offline' }
      : dialect === 'esphome'
        ? { device, topic: `${device}/status`, online: 'online', offline: 'offline' }
        : { device, topic: `tele/${device}/LWT`, online: 'Online', offline: 'Offline' },
);

export const DEMO_DEVICES: readonly string[] = DEMO_AVAILABILITY.map((entry) => entry.device);

/** Subscriptions that see every availability message of the demo house. */
export const AVAILABILITY_FILTERS = ['hearth/+/availability', '+/status', 'tele/+/LWT'];

export const isOnline = (payload: string): boolean => payload === 'online' || payload === 'Online';
export const isOffline = (payload: string): boolean => payload === 'offline' || payload === 'Offline';

/**
 * The entity id Home Assistant (and the hub) derives from a config: the component, then the
 * `object_id` (`obj_id` abbreviated) slugified.
 */
export function entityIdOf(topic: string, config: Readonly<Record<string, unknown>>): string {
  const component = topic.split('/')[1] ?? '';
  const objectId = config.object_id ?? config.obj_id;
  return `${component}.${slugify(String(objectId))}`;
}

function z2m(device: string, entityId: string, path: string) {
  return { device, dialect: 'zigbee2mqtt' as const, entityId, topic: `homeassistant/${path}/config` };
}

function esphome(device: string, entityId: string, path: string) {
  return { device, dialect: 'esphome' as const, entityId, topic: `homeassistant/${path}/config` };
}

function tasmota(device: string, entityId: string, path: string) {
  return { device, dialect: 'tasmota' as const, entityId, topic: `homeassistant/${path}/config` };
}
