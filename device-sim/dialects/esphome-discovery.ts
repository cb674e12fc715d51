import { type DiscoveryMessage, discoveryTopic, fnv1Hex } from '../discovery-config.ts';
import type { EntitySpec } from '../entity-spec.ts';
import type { SimulatedDevice } from '../simulated-device.ts';
import {
  ESPHOME_BOARD,
  ESPHOME_SW,
  esphomeColorModes,
  esphomeFanModes,
  esphomeFriendlyName,
  esphomeMac,
  esphomeModes,
  esphomeObjectId,
  esphomePresets,
  esphomeStatusTopic,
  esphomeTopic,
} from './esphome-layout.ts';

/**
 * Home Assistant discovery as an ESPHome node sends it (esphome `components/mqtt/`:
 * `mqtt_component.cpp` `send_discovery_`, and each `mqtt_<component>.cpp` `send_discovery`), with
 * the abbreviated keys of `mqtt_const.h` (`USE_MQTT_ABBREVIATIONS`, the default). The node is
 * configured with `discovery_unique_id_generator: mac` (so two nodes never share a unique id) and
 * `discovery_object_id_generator: device_name` (so entity ids are `<node>_<entity>`).
 */
export function esphomeDiscovery(device: SimulatedDevice): DiscoveryMessage[] {
  return device.entities.map((entity) => {
    const { body, stateTopic, commandTopic } = componentBody(device, entity);
    const friendly = esphomeFriendlyName(device, entity);
    const objectId = esphomeObjectId(device, entity);
    const config = {
      ...body,
      // `has_own_name()` false → `""`: Home Assistant then names the entity after the node.
      name: entity.name ?? '',
      ...(entity.icon !== undefined ? { ic: entity.icon } : {}),
      ...(entity.entityCategory !== undefined ? { ent_cat: entity.entityCategory } : {}),
      ...(stateTopic ? { stat_t: esphomeTopic(device, entity, 'state') } : {}),
      ...(commandTopic ? { cmd_t: esphomeTopic(device, entity, 'command') } : {}),
      // Birth and will share one topic with the default payloads, so only the topic is sent.
      avty_t: esphomeStatusTopic(device),
      uniq_id: `${esphomeMac(device)}-${entity.component}-${fnv1Hex(friendly)}`,
      obj_id: `${device.name}_${objectId}`,
      dev: {
        ids: esphomeMac(device),
        name: device.friendlyName,
        sw: ESPHOME_SW,
        mdl: ESPHOME_BOARD,
        mf: 'espressif',
        sa: device.area,
      },
    };
    return { topic: discoveryTopic(entity.component, device.name, objectId), config };
  });
}

interface Body {
  readonly body: Record<string, unknown>;
  /** `SendDiscoveryConfig`: whether `stat_t` / `cmd_t` are added. */
  readonly stateTopic: boolean;
  readonly commandTopic: boolean;
}

function componentBody(device: SimulatedDevice, entity: EntitySpec): Body {
  const topic = (suffix: string): string => esphomeTopic(device, entity, suffix);
  const both = (body: Record<string, unknown>): Body => ({ body, stateTopic: true, commandTopic: true });
  switch (entity.component) {
    case 'sensor':
      return {
        body: {
          ...(entity.deviceClass !== undefined ? { dev_cla: entity.deviceClass } : {}),
          ...(entity.unit !== undefined ? { unit_of_meas: entity.unit } : {}),
          ...(entity.stateClass !== undefined ? { stat_cla: entity.stateClass } : {}),
        },
        stateTopic: true,
        commandTopic: false,
      };
    case 'binary_sensor':
      return { body: { dev_cla: entity.deviceClass }, stateTopic: true, commandTopic: false };
    case 'switch':
    case 'lock':
      return both({});
    case 'light': {
      const modes = esphomeColorModes(entity.colorModes);
      const effects = entity.effects ?? [];
      return both({
        schema: 'json',
        clrm: true,
        supported_color_modes: modes,
        brightness: true,
        ...(modes.includes('color_temp') ? { min_mirs: entity.minMireds, max_mirs: entity.maxMireds } : {}),
        ...(effects.length > 0 ? { effect: true, fx_list: [...effects, 'None'] } : {}),
      });
    }
    case 'climate':
      return {
        body: {
          curr_temp_t: topic('current_temperature/state'),
          mode_cmd_t: topic('mode/command'),
          mode_stat_t: topic('mode/state'),
          modes: esphomeModes(entity.modes),
          temp_cmd_t: topic('target_temperature/command'),
          temp_stat_t: topic('target_temperature/state'),
          min_temp: entity.minTemp,
          max_temp: entity.maxTemp,
          temp_step: entity.step,
          // ESPHome coerces every temperature to Celsius internally.
          temp_unit: 'C',
          min_hum: 30,
          max_hum: 99,
          ...(entity.presets.length > 0
            ? {
                pr_mode_cmd_t: topic('preset/command'),
                pr_mode_stat_t: topic('preset/state'),
                preset_modes: esphomePresets(entity.presets),
              }
            : {}),
          act_t: topic('action/state'),
          ...(entity.fanModes.length > 0
            ? {
                fan_mode_cmd_t: topic('fan_mode/command'),
                fan_mode_stat_t: topic('fan_mode/state'),
                fan_modes: esphomeFanModes(entity.fanModes),
              }
            : {}),
        },
        stateTopic: false,
        commandTopic: false,
      };
    case 'cover':
      return both({
        ...(entity.deviceClass !== undefined ? { dev_cla: entity.deviceClass } : {}),
        pos_t: topic('position/state'),
        set_pos_t: topic('position/command'),
        ...(entity.tilt ? { tilt_status_t: topic('tilt/state'), tilt_cmd_t: topic('tilt/command') } : {}),
      });
    case 'fan':
      // ESPHome's MQTT fan has no preset modes; speeds are levels 1..n.
      return both({
        ...(entity.direction
          ? { dir_cmd_t: topic('direction/command'), dir_stat_t: topic('direction/state') }
          : {}),
        ...(entity.oscillation
          ? { osc_cmd_t: topic('oscillation/command'), osc_stat_t: topic('oscillation/state') }
          : {}),
        pct_cmd_t: topic('speed_level/command'),
        pct_stat_t: topic('speed_level/state'),
        spd_rng_max: entity.speeds.length,
      });
    case 'number':
      return both({
        min: entity.min,
        max: entity.max,
        step: entity.step,
        ...(entity.unit !== undefined ? { unit_of_meas: entity.unit } : {}),
        ...(entity.mode !== undefined ? { mode: entity.mode } : {}),
      });
    case 'select':
      return both({ ops: [...entity.options] });
    case 'button':
      return {
        body: entity.deviceClass !== undefined ? { dev_cla: entity.deviceClass } : {},
        stateTopic: false,
        commandTopic: true,
      };
  }
}
