import { hsToRgb } from '../color.ts';
import { MAX_COMMAND_BYTES, type ParsedCommand } from '../command-payload.ts';
import type { DiscoveryMessage } from '../discovery-config.ts';
import type { EntitySpec, LightEntity } from '../entity-spec.ts';
import type { ReportReason, SimulatedDevice } from '../simulated-device.ts';
import type { DeviceWire, StateMessage } from './device-wire.ts';
import { booleanAt, hsAt, numberAt, type StateRecord, stateOf, stringAt } from './state-values.ts';
import {
  checkTasmotaEntities,
  LWT_OFFLINE,
  LWT_ONLINE,
  TASMOTA_SW,
  tasmotaDiscovery,
  tasmotaTopic,
} from './tasmota-discovery.ts';

/**
 * A Tasmota device's MQTT layout (https://tasmota.github.io/docs/MQTT/): commands on
 * `cmnd/<t>/<Command>` (`POWER`, `Dimmer`, `HSBColor`, `CT`, `Scheme`, `Backlog`,
 * `ShutterPosition1`, …, names in any case), replies on `stat/<t>/RESULT` and `stat/<t>/POWER`,
 * the state on `tele/<t>/STATE` (after every command too, SetOption59), readings on
 * `tele/<t>/SENSOR`, and the retained LWT `tele/<t>/LWT` = `Online`/`Offline`. Nothing is retained
 * but the LWT. On Home Assistant's birth Tasmota publishes its state (`HAssMqttLWT`).
 */
export class TasmotaWire implements DeviceWire {
  readonly availability: DeviceWire['availability'];
  readonly commandTopics: readonly string[];
  readonly birth = 'state';
  readonly #device: SimulatedDevice;
  readonly #prefix: string;

  constructor(device: SimulatedDevice) {
    checkTasmotaEntities(device);
    this.#device = device;
    this.#prefix = tasmotaTopic('cmnd', device, '');
    this.availability = {
      topic: tasmotaTopic('tele', device, 'LWT'),
      online: LWT_ONLINE,
      offline: LWT_OFFLINE,
    };
    this.commandTopics = [`${this.#prefix}+`];
  }

  discovery(): DiscoveryMessage[] {
    return tasmotaDiscovery(this.#device);
  }

  readCommand(topic: string, payload: string): ParsedCommand | undefined {
    if (!topic.startsWith(this.#prefix)) return undefined;
    if (payload.length > MAX_COMMAND_BYTES)
      return { ok: false, reason: `payload of ${payload.length} bytes` };
    const command = topic.slice(this.#prefix.length);
    if (command.toLowerCase() === 'backlog') return readBacklog(payload);
    return readCommand(command, payload.trim());
  }

  stateMessages(reason: ReportReason): StateMessage[] {
    const device = this.#device;
    const state = stateOf(device);
    const entities = device.entities;
    const messages: StateMessage[] = [];
    const publish = (prefix: 'stat' | 'tele', suffix: string, payload: string | object) =>
      messages.push({
        topic: tasmotaTopic(prefix, device, suffix),
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        retain: false,
      });
    const power = entities.find((entity) => entity.component === 'light' || entity.component === 'switch');
    const time = new Date(device.now()).toISOString().slice(0, 19);
    if (reason === 'connect') {
      // `MqttConnected`: `MqttPublishAllPowerState()` at once, and the first tele period only
      // "in 5 seconds" (here: the announcement's repeat, 500 ms later), so Home Assistant, which reads
      // `tele/<t>/STATE`, learns the state a little after a Zigbee2MQTT device's.
      if (power !== undefined) {
        const keys = powerKeys(power, state);
        publish('stat', 'RESULT', keys);
        publish('stat', 'POWER', stringAt(state, 'state', 'OFF'));
      }
      return messages;
    }
    if (power !== undefined) {
      const keys = powerKeys(power, state);
      if (reason === 'command') {
        publish('stat', 'RESULT', keys);
        publish('stat', 'POWER', stringAt(state, 'state', 'OFF'));
      }
      publish('tele', 'STATE', { Time: time, ...uptime(device), ...keys, Wifi: WIFI });
    }
    const sensors = entities.filter((entity) => entity.component === 'sensor');
    // Tasmota sends SENSOR each teleperiod; after a command too here, as with `PowerDelta` set.
    if (sensors.length > 0) publish('tele', 'SENSOR', { Time: time, ...sensorGroups(sensors, state) });
    entities
      .filter((entity) => entity.component === 'binary_sensor')
      .forEach((entity, index) => {
        const on = booleanAt(state, entity.property) !== entity.inverted;
        publish('stat', `SWITCH${index + 1}`, { STATE: on ? 'ON' : 'OFF' });
      });
    if (entities.some((entity) => entity.component === 'cover')) {
      publish('stat', 'RESULT', { Shutter1: shutterKeys(state) });
      publish('stat', 'SHUTTER1', String(numberAt(state, 'position')));
    }
    if (reason === 'announce') publish('tele', 'HASS_STATE', hassState(device));
    return messages;
  }
}

const ok = (command: Record<string, unknown>): ParsedCommand => ({ ok: true, command });
const fail = (reason: string): ParsedCommand => ({ ok: false, reason });

const WIFI = { AP: 1, SSId: 'hearth', Channel: 6, Mode: '11n', RSSI: 90, Signal: -55, LinkCount: 1 };

/** `Backlog ShutterOpen1; ShutterPosition1 50`: each command in turn, merged into one. */
function readBacklog(payload: string): ParsedCommand {
  const merged: Record<string, unknown> = {};
  for (const part of payload.split(';')) {
    const text = part.trim();
    if (text === '') continue;
    const [command = '', ...rest] = text.split(/\s+/);
    const parsed = readCommand(command, rest.join(' '));
    if (!parsed.ok) return parsed;
    Object.assign(merged, parsed.command);
  }
  return ok(merged);
}

/** Tasmota's `0/off/false`, `1/on/true`, `2/toggle`. */
function powerWord(payload: string): 'ON' | 'OFF' | 'TOGGLE' | undefined {
  const word = payload.toLowerCase();
  if (['1', 'on', 'true'].includes(word)) return 'ON';
  if (['0', 'off', 'false'].includes(word)) return 'OFF';
  if (['2', 'toggle'].includes(word)) return 'TOGGLE';
  return undefined;
}

function integerIn(payload: string, min: number, max: number): number | undefined {
  if (!/^-?\d+$/.test(payload)) return undefined;
  const value = Number(payload);
  return value >= min && value <= max ? value : undefined;
}

/** One command; an empty payload asks for the current value, answered by republishing. */
function readCommand(command: string, payload: string): ParsedCommand {
  const name = command.toLowerCase();
  if (payload === '' && name !== 'shutteropen1' && name !== 'shutterclose1' && name !== 'shutterstop1')
    return ok({});
  switch (name) {
    case 'power':
    case 'power1': {
      const state = powerWord(payload);
      return state === undefined ? fail(`POWER: unknown value "${payload}"`) : ok({ state });
    }
    case 'dimmer': {
      const dimmer = integerIn(payload, 0, 100);
      if (dimmer === undefined) return fail(`Dimmer: expected 0..100, got "${payload}"`);
      return dimmer === 0 ? ok({ state: 'OFF' }) : ok({ brightness: Math.round((dimmer * 255) / 100) });
    }
    case 'hsbcolor': {
      const parts = payload.split(',').map((part) => Number(part.trim()));
      const [h, s, b] = parts;
      if (parts.length < 2 || parts.length > 3 || parts.some((part) => !Number.isFinite(part)))
        return fail(`HSBColor: expected h,s[,b], got "${payload}"`);
      if (h === undefined || s === undefined || h < 0 || h > 360 || s < 0 || s > 100)
        return fail(`HSBColor: out of range "${payload}"`);
      return ok({ color: { h, s }, ...(b !== undefined ? { brightness: Math.round((b * 255) / 100) } : {}) });
    }
    case 'ct': {
      const ct = integerIn(payload, 153, 500);
      return ct === undefined ? fail(`CT: expected 153..500, got "${payload}"`) : ok({ color_temp: ct });
    }
    case 'scheme': {
      const scheme = integerIn(payload, 0, 4);
      return scheme === undefined
        ? fail(`Scheme: expected 0..4, got "${payload}"`)
        : ok({ effect: String(scheme) });
    }
    case 'shutteropen1':
      return ok({ state: 'OPEN' });
    case 'shutterclose1':
      return ok({ state: 'CLOSE' });
    case 'shutterstop1':
      return ok({ state: 'STOP' });
    case 'shutterposition1': {
      const word = payload.toUpperCase();
      if (word === 'UP' || word === 'OPEN') return ok({ state: 'OPEN' });
      if (word === 'DOWN' || word === 'CLOSE') return ok({ state: 'CLOSE' });
      if (word === 'STOP') return ok({ state: 'STOP' });
      const position = integerIn(payload, 0, 100);
      return position === undefined
        ? fail(`ShutterPosition1: expected 0..100, got "${payload}"`)
        : ok({ position });
    }
    case 'shuttertilt1': {
      const word = payload.toUpperCase();
      if (word === 'OPEN') return ok({ tilt: 100 });
      if (word === 'CLOSE') return ok({ tilt: 0 });
      const tilt = integerIn(payload, 0, 100);
      return tilt === undefined ? fail(`ShutterTilt1: expected 0..100, got "${payload}"`) : ok({ tilt });
    }
    default:
      return fail(`unknown command "${command}"`);
  }
}

/** `POWER`, and for a light the keys of `MqttShowState` for its channels. */
function powerKeys(entity: EntitySpec, state: StateRecord): Record<string, unknown> {
  const power = { POWER: stringAt(state, 'state', 'OFF') };
  if (entity.component !== 'light') return power;
  return { ...power, ...lightKeys(entity, state) };
}

function lightKeys(entity: LightEntity, state: StateRecord): Record<string, unknown> {
  const dimmer = Math.round((numberAt(state, 'brightness') * 100) / 255);
  const hs = entity.colorModes.includes('hs');
  const ct = entity.colorModes.includes('color_temp');
  const whiteMode = ct && (!hs || stringAt(state, 'color_mode') === 'color_temp');
  const hue = hsAt(state, 'color') ?? { h: 0, s: 0 };
  const mireds = numberAt(state, 'color_temp', 153);
  const scale = (value: number) => Math.round((value * dimmer) / 100);
  const rgb = hs && !whiteMode ? hsToRgb(hue) : { r: 0, g: 0, b: 0 };
  // Cold and warm white shares of the colour temperature, 153 (cold) … 500 (warm) mireds.
  const warm = whiteMode ? (mireds - 153) / (500 - 153) : 0;
  const cw = whiteMode ? scale(255 * (1 - warm)) : 0;
  const ww = whiteMode ? scale(255 * warm) : 0;
  const channels = [...(hs ? [scale(rgb.r), scale(rgb.g), scale(rgb.b)] : []), ...(ct ? [cw, ww] : [])];
  return {
    Dimmer: dimmer,
    ...(hs || ct ? { Color: channels.join(',') } : {}),
    ...(hs ? { HSBColor: `${Math.round(hue.h)},${Math.round(hue.s)},${dimmer}` } : {}),
    ...(ct ? { White: whiteMode ? dimmer : 0, CT: mireds } : {}),
    ...(hs || ct ? { Channel: channels.map((value) => Math.round((value * 100) / 255)) } : {}),
    ...(hs && entity.effects !== undefined && entity.effects.length > 0
      ? { Scheme: Number(stringAt(state, 'effect', '0')) || 0 }
      : {}),
    Fade: 'OFF',
    Speed: 1,
    LedTable: 'ON',
  };
}

/** `{"ENERGY": {"Power": 85, …}, "AM2301": {…}}`, grouped as Tasmota's sensors report. */
function sensorGroups(
  sensors: readonly EntitySpec[],
  state: StateRecord,
): Record<string, Record<string, number>> {
  const groups: Record<string, Record<string, number>> = {};
  for (const entity of sensors) {
    if (entity.component !== 'sensor' || entity.tasmota === undefined) continue;
    const [sensor, key] = entity.tasmota;
    groups[sensor] ??= {};
    groups[sensor][key] = Number(numberAt(state, entity.property).toFixed(entity.decimals));
  }
  return groups;
}

/** `"Shutter1": {"Position", "Direction" (1 opening, -1 closing, 0), "Target", "Tilt"}`. */
function shutterKeys(state: StateRecord): Record<string, number> {
  const position = numberAt(state, 'position');
  const motor = stringAt(state, 'motor_state', 'stopped');
  const direction = motor === 'opening' ? 1 : motor === 'closing' ? -1 : 0;
  return {
    Position: position,
    Direction: direction,
    Target: direction === 1 ? 100 : direction === -1 ? 0 : position,
    Tilt: numberAt(state, 'tilt'),
  };
}

function uptime(device: SimulatedDevice): { Uptime: string; UptimeSec: number } {
  const seconds = Math.max(0, Math.floor((device.now() - device.createdAt) / 1000));
  const pad = (value: number) => String(value).padStart(2, '0');
  const days = Math.floor(seconds / 86_400);
  const clock = `${pad(Math.floor((seconds % 86_400) / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  return { Uptime: `${days}T${clock}`, UptimeSec: seconds };
}

/** `HAssPublishStatus`: what the `<chip>_status` sensor reads. */
function hassState(device: SimulatedDevice): Record<string, unknown> {
  return {
    Version: TASMOTA_SW,
    'Module or Template': device.model,
    RestartReason: 'Software/System restart',
    Uptime: uptime(device).Uptime,
    Hostname: `${device.name}`,
    RSSI: String(WIFI.RSSI),
    'Signal (dBm)': String(WIFI.Signal),
    'WiFi LinkCount': 1,
    MqttCount: 1,
  };
}
