import { type DiscoveryMessage, discoveryTopic, fnv1Hex, slugify } from '../discovery-config.ts';
import type { EntitySpec, LightEntity, SensorEntity } from '../entity-spec.ts';
import type { SimulatedDevice } from '../simulated-device.ts';
import { UnsupportedEntityError } from './device-wire.ts';

/**
 * Home Assistant discovery as Tasmota's `xdrv_12_home_assistant.ino` sends it (the `SetOption19 1`
 * discovery, Home Assistant's own format; newer Tasmota defaults to its own format read by the
 * `tasmota` integration): abbreviated keys, three-level topics named after the chip id
 * (`homeassistant/switch/1A2B3C_RL_1/config`), state read from `tele/<t>/STATE` and
 * `tele/<t>/SENSOR` (SetOption59 makes Tasmota publish `tele/<t>/STATE` after every command),
 * availability on the LWT `tele/<t>/LWT` = `Online`/`Offline`, and only `dev.ids` on each entity:
 * the full device block rides on the `<chip>_status` sensor.
 *
 * One addition: `obj_id`, the slug of the name Home Assistant would derive the entity id from, so
 * that entity ids stay stable whatever the hub does with names.
 */
export const TASMOTA_SW = '14.3.0(tasmota)';
export const LWT_ONLINE = 'Online';
export const LWT_OFFLINE = 'Offline';

/** `ESP_getChipId()` as `%06X`, derived from the device name so it is stable. */
export function tasmotaChipId(device: SimulatedDevice): string {
  return fnv1Hex(device.name).slice(0, 6).toUpperCase();
}

/** Tasmota's `%prefix%/%topic%/` full topic, with the device name as the topic. */
export const tasmotaTopic = (prefix: 'cmnd' | 'stat' | 'tele', device: SimulatedDevice, suffix: string) =>
  `${prefix}/${device.name}/${suffix}`;

/** The entities Tasmota can announce, in their `SWITCH<n>` order; throws for any other. */
export function checkTasmotaEntities(device: SimulatedDevice): void {
  let power = 0;
  let shutters = 0;
  for (const entity of device.entities) {
    const unsupported = (what: string) => new UnsupportedEntityError('tasmota', device.name, what);
    switch (entity.component) {
      case 'light':
      case 'switch':
        if (++power > 1) throw unsupported('a second relay or light');
        break;
      case 'cover':
        if (++shutters > 1) throw unsupported('a second shutter');
        break;
      case 'sensor':
        if (entity.tasmota === undefined) throw unsupported(`sensor ${entity.key} (no tasmota mapping)`);
        break;
      case 'binary_sensor':
        break;
      default:
        throw unsupported(entity.component);
    }
  }
}

export function tasmotaDiscovery(device: SimulatedDevice): DiscoveryMessage[] {
  const chip = tasmotaChipId(device);
  const lwt = {
    avty_t: tasmotaTopic('tele', device, 'LWT'),
    pl_avail: LWT_ONLINE,
    pl_not_avail: LWT_OFFLINE,
  };
  const short = (uniqueId: string) => ({ uniq_id: uniqueId, dev: { ids: [chip] } });
  const stateTopic = tasmotaTopic('tele', device, 'STATE');
  const messages: DiscoveryMessage[] = [];
  const push = (component: EntitySpec['component'], id: string, config: Record<string, unknown>) => {
    const name = typeof config.name === 'string' ? config.name : device.friendlyName;
    messages.push({
      topic: discoveryTopic(component, undefined, id),
      config: { ...config, obj_id: slugify(name) },
    });
  };
  let switchIndex = 0;
  for (const entity of device.entities) {
    switch (entity.component) {
      case 'switch':
        push('switch', `${chip}_RL_1`, {
          name: device.friendlyName,
          stat_t: stateTopic,
          ...lwt,
          cmd_t: tasmotaTopic('cmnd', device, 'POWER'),
          pl_off: 'OFF',
          pl_on: 'ON',
          val_tpl: '{{value_json.POWER}}',
          ...short(`${chip}_RL_1`),
        });
        break;
      case 'light':
        push('light', `${chip}_LI_1`, {
          name: device.friendlyName,
          stat_t: stateTopic,
          ...lwt,
          cmd_t: tasmotaTopic('cmnd', device, 'POWER'),
          pl_off: 'OFF',
          pl_on: 'ON',
          stat_val_tpl: '{{value_json.POWER}}',
          ...short(`${chip}_LI_1`),
          ...lightKeys(device, entity, stateTopic),
        });
        break;
      case 'sensor':
        push(
          'sensor',
          sensorId(chip, entity),
          sensorConfig(device, entity, lwt, short(sensorId(chip, entity))),
        );
        break;
      case 'binary_sensor': {
        const index = ++switchIndex;
        push('binary_sensor', `${chip}_SW_${index}`, {
          name: `${device.friendlyName} Switch${index}`,
          stat_t: tasmotaTopic('stat', device, `SWITCH${index}`),
          val_tpl: '{{value_json.STATE}}',
          frc_upd: true,
          pl_on: 'ON',
          pl_off: 'OFF',
          ...short(`${chip}_SW_${index}`),
          ...lwt,
        });
        break;
      }
      case 'cover':
        push('cover', `${chip}_SHT_1`, {
          name: device.friendlyName,
          ...lwt,
          cmd_t: tasmotaTopic('cmnd', device, 'Backlog'),
          pl_open: 'ShutterOpen1',
          pl_cls: 'ShutterClose1',
          pl_stop: 'ShutterStop1',
          opt: false,
          ret: false,
          qos: 1,
          pos_t: tasmotaTopic('stat', device, 'SHUTTER1'),
          pos_clsd: 0,
          pos_open: 100,
          set_pos_t: tasmotaTopic('cmnd', device, 'ShutterPosition1'),
          ...(entity.tilt
            ? {
                tilt_cmd_t: tasmotaTopic('cmnd', device, 'ShutterTilt1'),
                tilt_opnd_val: 100,
                tilt_clsd_val: 0,
              }
            : {}),
          ...short(`${chip}_SHT_1`),
        });
        break;
      default:
        break;
    }
  }
  // `HAssAnnounceDeviceInfoAndStatusSensor`: the only config with the whole device block.
  const statusTopic = tasmotaTopic('tele', device, 'HASS_STATE');
  push('sensor', `${chip}_status`, {
    name: `${device.friendlyName} status`,
    stat_t: statusTopic,
    ...lwt,
    json_attr_t: statusTopic,
    unit_of_meas: '%',
    val_tpl: "{{value_json['RSSI']}}",
    ic: 'mdi:information-outline',
    uniq_id: `${chip}_status`,
    dev: { ids: [chip], name: device.friendlyName, mdl: device.model, sw: TASMOTA_SW, mf: 'Tasmota' },
  });
  return messages;
}

export function sensorId(chip: string, entity: SensorEntity): string {
  const [sensor, key] = entity.tasmota ?? ['', entity.key];
  return `${chip}_${sensor}_${key.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** `HAssAnnounceSensor`: `<DeviceName> <sensor> <key>`, from `tele/<t>/SENSOR`. */
function sensorConfig(
  device: SimulatedDevice,
  entity: SensorEntity,
  lwt: Record<string, string>,
  ids: Record<string, unknown>,
): Record<string, unknown> {
  const [sensor, key] = entity.tasmota ?? ['', entity.key];
  return {
    name: `${device.friendlyName} ${sensor} ${key}`,
    stat_t: tasmotaTopic('tele', device, 'SENSOR'),
    ...lwt,
    ...ids,
    unit_of_meas: entity.unit ?? ' ',
    ...(entity.deviceClass !== undefined ? { dev_cla: entity.deviceClass } : { ic: 'mdi:eye' }),
    // Tasmota's table gives a state class to the energy total only.
    ...(entity.stateClass === 'total_increasing' ? { stat_cla: 'total_increasing' } : {}),
    frc_upd: true,
    val_tpl: `{{value_json['${sensor}']['${key}']}}`,
  };
}

/** `HASS_DISCOVER_BASE_LIGHT` and, for colour, `_HS_COLOR`, `_SCHEME` and `_CT`. */
function lightKeys(
  device: SimulatedDevice,
  entity: LightEntity,
  stateTopic: string,
): Record<string, unknown> {
  const hs = entity.colorModes.includes('hs');
  const ct = entity.colorModes.includes('color_temp');
  const effects = entity.effects ?? [];
  return {
    bri_cmd_t: tasmotaTopic('cmnd', device, 'Dimmer'),
    bri_stat_t: stateTopic,
    bri_scl: 100,
    // SetOption20 off: a Dimmer command alone turns the light on.
    on_cmd_type: 'brightness',
    bri_val_tpl: '{{value_json.Dimmer}}',
    ...(hs
      ? {
          hs_cmd_t: tasmotaTopic('cmnd', device, 'HSBColor'),
          hs_stat_t: stateTopic,
          hs_val_tpl: "{{value_json.HSBColor.split(',')[0:2]|join(',')}}",
        }
      : {}),
    ...(hs && effects.length > 0
      ? {
          fx_cmd_t: tasmotaTopic('cmnd', device, 'Scheme'),
          fx_stat_t: stateTopic,
          fx_val_tpl: '{{value_json.Scheme}}',
          fx_list: [...effects],
        }
      : {}),
    ...(ct
      ? {
          clr_temp_cmd_t: tasmotaTopic('cmnd', device, 'CT'),
          clr_temp_stat_t: stateTopic,
          clr_temp_val_tpl: '{{value_json.CT}}',
          clrm_stat_t: stateTopic,
          clrm_val_tpl: '{%if value_json.White%}color_temp{%else%}hs{%endif %}',
        }
      : {}),
  };
}
