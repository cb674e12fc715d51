import {
  deviceAvailabilityTopic,
  deviceCommandTopic,
  deviceStateTopic,
} from '../../hub/protocol/mqtt-conventions.ts';
import {
  availabilityList,
  type DiscoveryConfig,
  type DiscoveryMessage,
  deviceBlock,
  discoveryTopic,
  entityObjectId,
  SIM_ORIGIN,
  uniqueId,
} from '../discovery-config.ts';
import type {
  ClimateEntity,
  CoverEntity,
  EntitySpec,
  FanEntity,
  LightEntity,
  NumberEntity,
  SelectEntity,
} from '../entity-spec.ts';
import type { SimulatedDevice } from '../simulated-device.ts';

/**
 * Home Assistant discovery as Zigbee2MQTT builds it from a device's exposes
 * (zigbee2mqtt `lib/extension/homeassistant.ts`, `exposeToConfig` and `discover`): full key names,
 * every entity reading the one JSON state topic through a `value_json` template, commands on
 * `<base>/set` or, for one attribute, `<base>/set/<attribute>`.
 *
 * Kept from the simulator's first version rather than Zigbee2MQTT: availability is the plain
 * `hearth/<device>/availability` (DESIGN §3) without the bridge-state entry; a light's
 * `brightness_scale` is 255 (Zigbee2MQTT says 254); and an entity with a `device_class` keeps its
 * `name`, where Zigbee2MQTT drops it to let Home Assistant name the entity after the class.
 */
export function zigbee2mqttDiscovery(device: SimulatedDevice): DiscoveryMessage[] {
  return device.entities.flatMap((entity) => configsFor(device, entity));
}

/** `{{ value_json.<property> }}` */
const jsonValue = (property: string): string => `{{ value_json.${property} }}`;

/** Zigbee2MQTT's `running_state` → Home Assistant's `hvac_action`, verbatim (it needs `{% set %}`). */
export const Z2M_CLIMATE_ACTION_TEMPLATE =
  "{% set values = {None:None,'idle':'idle','heat':'heating','cool':'cooling','fan_only':'fan'} %}" +
  '{{ values[value_json.running_state] }}';

/** A cover with a `motor_state` expose: the movement comes from it, "stopped" when it is absent. */
export const Z2M_COVER_MOTOR_TEMPLATE =
  '{% if "motor_state" in value_json and value_json.motor_state %} {{ value_json.motor_state }} ' +
  '{% else %} stopped {% endif %}';

function configsFor(device: SimulatedDevice, entity: EntitySpec): DiscoveryMessage[] {
  const base = deviceStateTopic(device.name);
  const set = deviceCommandTopic(device.name);
  const message = (component: EntitySpec['component'], key: string, name: string | null, body: object) => ({
    topic: discoveryTopic(component, device.name, key),
    config: {
      name,
      unique_id: uniqueId(device.name, key),
      object_id: entityObjectId(device.name, name === null ? undefined : key),
      ...body,
      ...(entity.entityCategory !== undefined ? { entity_category: entity.entityCategory } : {}),
      ...(entity.icon !== undefined ? { icon: entity.icon } : {}),
      ...availability(device),
      device: deviceBlock(device.info),
      origin: SIM_ORIGIN,
    } satisfies DiscoveryConfig,
  });
  const one = (body: object): DiscoveryMessage[] => [
    message(entity.component, entity.key, entity.name, body),
  ];

  switch (entity.component) {
    case 'light':
      return one(lightBody(entity, base, set));
    case 'switch':
      return one({
        state_topic: base,
        value_template: jsonValue('state'),
        command_topic: set,
        payload_on: 'ON',
        payload_off: 'OFF',
      });
    case 'sensor':
      return one({
        state_topic: base,
        value_template: jsonValue(entity.property),
        ...(entity.deviceClass !== undefined ? { device_class: entity.deviceClass } : {}),
        ...(entity.unit !== undefined ? { unit_of_measurement: entity.unit } : {}),
        ...(entity.stateClass !== undefined ? { state_class: entity.stateClass } : {}),
      });
    case 'binary_sensor':
      return one({
        state_topic: base,
        // Home Assistant's door is ON when open, the inverse of `contact`. Zigbee2MQTT inverts through
        // `payload_on: false`; the template says it outright, with the usual ON/OFF payloads.
        ...(entity.inverted
          ? {
              value_template: `{{ 'OFF' if value_json.${entity.property} else 'ON' }}`,
              payload_on: 'ON',
              payload_off: 'OFF',
            }
          : { value_template: jsonValue(entity.property), payload_on: true, payload_off: false }),
        device_class: entity.deviceClass,
      });
    case 'climate':
      return one(climateBody(entity, base, set));
    case 'cover':
      return one(coverBody(entity, base, set));
    case 'lock':
      return [
        ...one({
          command_topic: set,
          value_template: jsonValue('state'),
          state_locked: 'LOCK',
          state_unlocked: 'UNLOCK',
          state_topic: base,
        }),
        // Zigbee2MQTT exposes a lock's `lock_state` enum (locked, unlocked, not_fully_locked) as a sensor.
        message('sensor', 'lock_state', 'Lock state', {
          state_topic: base,
          value_template: jsonValue('lock_state'),
          enabled_by_default: true,
        }),
      ];
    case 'fan':
      return one(fanBody(entity, base, set));
    case 'number':
      return one(numberBody(entity, base, set));
    case 'select':
      return one(selectBody(entity, base, set));
    case 'button':
      return one({
        command_topic: `${set}/${entity.property}`,
        payload_press: entity.payload,
        ...(entity.deviceClass !== undefined ? { device_class: entity.deviceClass } : {}),
      });
  }
}

function availability(device: SimulatedDevice): DiscoveryConfig {
  return device.availabilityForm === 'topic'
    ? { availability_topic: deviceAvailabilityTopic(device.name) }
    : availabilityList(device.name);
}

function lightBody(entity: LightEntity, base: string, set: string): object {
  const temperature = entity.colorModes.includes('color_temp')
    ? { min_mireds: entity.minMireds, max_mireds: entity.maxMireds }
    : {};
  const effects =
    entity.effects !== undefined && entity.effects.length > 0
      ? { effect: true, effect_list: [...entity.effects] }
      : {};
  return {
    schema: 'json',
    state_topic: base,
    command_topic: set,
    brightness: true,
    brightness_scale: 255,
    supported_color_modes: [...entity.colorModes],
    ...temperature,
    ...effects,
  };
}

/** A thermostatic radiator valve or an air conditioner, as Zigbee2MQTT's `climate` expose. */
function climateBody(entity: ClimateEntity, base: string, set: string): object {
  return {
    temperature_unit: 'C',
    temp_step: entity.step,
    // Zigbee2MQTT sends these two as strings (`setpoint.value_min.toString()`).
    min_temp: String(entity.minTemp),
    max_temp: String(entity.maxTemp),
    current_temperature_topic: base,
    current_temperature_template: jsonValue('local_temperature'),
    mode_state_topic: base,
    mode_state_template: jsonValue('system_mode'),
    modes: [...entity.modes],
    mode_command_topic: `${set}/system_mode`,
    action_topic: base,
    action_template: Z2M_CLIMATE_ACTION_TEMPLATE,
    temperature_command_topic: `${set}/current_heating_setpoint`,
    temperature_state_template: jsonValue('current_heating_setpoint'),
    temperature_state_topic: base,
    ...(entity.fanModes.length > 0
      ? {
          fan_modes: [...entity.fanModes],
          fan_mode_command_topic: `${set}/fan_mode`,
          fan_mode_state_template: jsonValue('fan_mode'),
          fan_mode_state_topic: base,
        }
      : {}),
    ...(entity.presets.length > 0
      ? {
          preset_modes: [...entity.presets],
          preset_mode_command_topic: `${set}/preset`,
          preset_mode_value_template: jsonValue('preset'),
          preset_mode_state_topic: base,
        }
      : {}),
  };
}

/** A cover with `state`, `position`, a `motor_state` (opening/closing/stopped) and maybe `tilt`. */
function coverBody(entity: CoverEntity, base: string, set: string): object {
  return {
    command_topic: set,
    state_topic: base,
    state_opening: 'opening',
    state_closing: 'closing',
    state_stopped: 'stopped',
    value_template: Z2M_COVER_MOTOR_TEMPLATE,
    position_template: jsonValue('position'),
    set_position_template: '{ "position": {{ position }} }',
    set_position_topic: set,
    position_topic: base,
    ...(entity.tilt
      ? {
          tilt_command_topic: `${set}/tilt`,
          tilt_status_topic: base,
          tilt_status_template: jsonValue('tilt'),
        }
      : {}),
  };
}

/**
 * Zigbee2MQTT's fan: `fan_state` on/off, and `fan_mode` carrying both the speeds (a percentage
 * through a lookup template) and the presets.
 */
function fanBody(entity: FanEntity, base: string, set: string): object {
  const speeds = ['off', ...entity.speeds];
  const percentValues = speeds.map((speed, index) => `'${speed}':${index}`).join(', ');
  const percentCommands = speeds.map((speed, index) => `${index}:'${speed}'`).join(', ');
  const presetList = entity.presets.map((preset) => `'${preset}'`).join(', ');
  return {
    state_topic: base,
    state_value_template: jsonValue('fan_state'),
    command_topic: `${set}/fan_state`,
    percentage_state_topic: base,
    percentage_command_topic: `${set}/fan_mode`,
    percentage_value_template: `{{ {${percentValues}}[value_json.fan_mode] | default('None') }}`,
    percentage_command_template: `{{ {${percentCommands}}[value] | default('') }}`,
    speed_range_min: 1,
    speed_range_max: entity.speeds.length,
    ...(entity.presets.length > 0
      ? {
          preset_mode_state_topic: base,
          preset_mode_command_topic: `${set}/fan_mode`,
          preset_mode_value_template: `{{ value_json.fan_mode if value_json.fan_mode in [${presetList}] else 'None' | default('None') }}`,
          preset_modes: [...entity.presets],
        }
      : {}),
  };
}

/** A numeric expose with set access (Zigbee2MQTT also keeps a legacy sensor beside it; not here). */
function numberBody(entity: NumberEntity, base: string, set: string): object {
  return {
    state_topic: base,
    value_template: jsonValue(entity.property),
    command_topic: `${set}/${entity.property}`,
    ...(entity.unit !== undefined ? { unit_of_measurement: entity.unit } : {}),
    step: entity.step,
    // Zigbee2MQTT keeps a number's device_class only when it is `temperature`.
    ...(entity.deviceClass === 'temperature' ? { device_class: 'temperature' } : {}),
    min: entity.min,
    max: entity.max,
  };
}

function selectBody(entity: SelectEntity, base: string, set: string): object {
  return {
    value_template: jsonValue(entity.property),
    state_topic: base,
    command_topic: `${set}/${entity.property}`,
    options: [...entity.options],
    enabled_by_default: true,
  };
}
