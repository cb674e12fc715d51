import { AVAILABILITY_OFFLINE, AVAILABILITY_ONLINE } from '../../hub/protocol/mqtt-conventions.ts';
import { hsToRgb, rgbToHs } from '../color.ts';
import { MAX_COMMAND_BYTES, type ParsedCommand, parseCommandPayload } from '../command-payload.ts';
import type { DiscoveryMessage } from '../discovery-config.ts';
import type { EntitySpec, FanEntity, LightEntity } from '../entity-spec.ts';
import type { SimulatedDevice } from '../simulated-device.ts';
import type { DeviceWire, StateMessage } from './device-wire.ts';
import { esphomeDiscovery } from './esphome-discovery.ts';
import { esphomeStatusTopic, esphomeTopic, withDecimals } from './esphome-layout.ts';
import { booleanAt, hsAt, numberAt, type StateRecord, stateOf, stringAt } from './state-values.ts';

type CommandReader = (payload: string) => ParsedCommand;

/**
 * An ESPHome node's MQTT layout (https://esphome.io/components/mqtt.html): one topic per attribute,
 * `<node>/<component>/<object_id>/state` and `/command` (a light's are JSON), states retained (the
 * component's `retain: true` default), and the node's `<node>/status` birth and will. ESPHome does
 * not listen to Home Assistant's birth: its discovery and states are retained.
 */
export class EsphomeWire implements DeviceWire {
  readonly availability: DeviceWire['availability'];
  readonly commandTopics: readonly string[];
  readonly birth = 'ignore';
  readonly #device: SimulatedDevice;
  readonly #readers = new Map<string, CommandReader>();

  constructor(device: SimulatedDevice) {
    this.#device = device;
    this.availability = {
      topic: esphomeStatusTopic(device),
      online: AVAILABILITY_ONLINE,
      offline: AVAILABILITY_OFFLINE,
    };
    for (const entity of device.entities) {
      for (const [suffix, reader] of commandReaders(entity)) {
        this.#readers.set(esphomeTopic(device, entity, suffix), reader);
      }
    }
    this.commandTopics = [...this.#readers.keys()];
  }

  discovery(): DiscoveryMessage[] {
    return esphomeDiscovery(this.#device);
  }

  readCommand(topic: string, payload: string): ParsedCommand | undefined {
    const reader = this.#readers.get(topic);
    if (reader === undefined) return undefined;
    if (payload.length > MAX_COMMAND_BYTES)
      return { ok: false, reason: `payload of ${payload.length} bytes` };
    return reader(payload.trim());
  }

  /** Every attribute of every entity: ESPHome republishes a component's topics on each change. */
  stateMessages(): StateMessage[] {
    const device = this.#device;
    const state = stateOf(device);
    return device.entities.flatMap((entity) =>
      entityStates(entity, state).map(([suffix, payload]) => ({
        topic: esphomeTopic(device, entity, suffix),
        payload,
        retain: true,
      })),
    );
  }
}

const ok = (command: Record<string, unknown>): ParsedCommand => ({ ok: true, command });
const fail = (reason: string): ParsedCommand => ({ ok: false, reason });

/** `parse_on_off`: ON, OFF or TOGGLE in any case, or the two given words. */
function onOff(payload: string, on = 'ON', off = 'OFF'): 'ON' | 'OFF' | 'TOGGLE' | undefined {
  const word = payload.toUpperCase();
  if (word === on.toUpperCase()) return 'ON';
  if (word === off.toUpperCase()) return 'OFF';
  if (word === 'TOGGLE') return 'TOGGLE';
  return undefined;
}

/** `parse_number<float>`: the whole payload must be a number. */
function number(payload: string): number | undefined {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(payload)) return undefined;
  return Number(payload);
}

function commandReaders(entity: EntitySpec): [string, CommandReader][] {
  const toggle =
    (key: string): CommandReader =>
    (payload) => {
      const value = onOff(payload);
      return value === undefined ? fail(`unknown payload "${payload}"`) : ok({ [key]: value });
    };
  const numeric =
    (key: string, scale = 1): CommandReader =>
    (payload) => {
      const value = number(payload);
      return value === undefined
        ? fail(`can't convert "${payload}" to a number`)
        : ok({ [key]: value * scale });
    };
  const word =
    (key: string): CommandReader =>
    (payload) =>
      ok({ [key]: payload.toLowerCase() });
  switch (entity.component) {
    case 'switch':
      return [['command', toggle('state')]];
    case 'light':
      return [['command', readLightCommand]];
    case 'lock':
      return [
        [
          'command',
          (payload) => {
            const action = payload.toUpperCase();
            // OPEN unlatches; the simulated lock has no latch, so it unlocks.
            if (action === 'LOCK') return ok({ state: 'LOCK' });
            if (action === 'UNLOCK' || action === 'OPEN') return ok({ state: 'UNLOCK' });
            return fail(`unknown payload "${payload}"`);
          },
        ],
      ];
    case 'climate':
      return [
        ['mode/command', word('system_mode')],
        ['target_temperature/command', numeric('current_heating_setpoint')],
        ...(entity.presets.length > 0 ? [['preset/command', word('preset')] as [string, CommandReader]] : []),
        ...(entity.fanModes.length > 0
          ? [['fan_mode/command', word('fan_mode')] as [string, CommandReader]]
          : []),
      ];
    case 'cover':
      return [
        [
          'command',
          (payload) => {
            const action = payload.toUpperCase();
            return ['OPEN', 'CLOSE', 'STOP', 'TOGGLE'].includes(action)
              ? ok({ state: action })
              : fail(`unknown payload "${payload}"`);
          },
        ],
        ['position/command', numeric('position')],
        ...(entity.tilt ? [['tilt/command', numeric('tilt')] as [string, CommandReader]] : []),
      ];
    case 'fan':
      return fanReaders(entity, toggle);
    case 'number':
      return [['command', numeric(entity.property)]];
    case 'select':
      return [['command', (payload) => ok({ [entity.property]: payload })]];
    case 'button':
      return [
        [
          'command',
          (payload) =>
            payload === 'PRESS'
              ? ok({ [entity.property]: entity.payload })
              : fail(`unknown payload "${payload}"`),
        ],
      ];
    case 'sensor':
    case 'binary_sensor':
      return [];
  }
}

function fanReaders(entity: FanEntity, toggle: (key: string) => CommandReader): [string, CommandReader][] {
  return [
    ['command', toggle('fan_state')],
    [
      'speed_level/command',
      (payload) => {
        const level = /^\d+$/.test(payload) ? Number(payload) : Number.NaN;
        if (!(level >= 0 && level <= entity.speeds.length)) return fail(`invalid speed level "${payload}"`);
        return ok({ fan_mode: level === 0 ? 'off' : entity.speeds[level - 1] });
      },
    ],
    ...(entity.oscillation
      ? [
          [
            'oscillation/command',
            (payload: string) => {
              const value = onOff(payload, 'oscillate_on', 'oscillate_off');
              return value === undefined ? fail(`unknown payload "${payload}"`) : ok({ oscillating: value });
            },
          ] as [string, CommandReader],
        ]
      : []),
    ...(entity.direction
      ? [
          [
            'direction/command',
            (payload: string) => {
              const value = onOff(payload, 'forward', 'reverse');
              if (value === undefined) return fail(`unknown payload "${payload}"`);
              return ok({ direction: value === 'ON' ? 'forward' : value === 'OFF' ? 'reverse' : 'TOGGLE' });
            },
          ] as [string, CommandReader],
        ]
      : []),
  ];
}

/** Home Assistant's JSON light command, with ESPHome's RGB colour read back into hue/saturation. */
function readLightCommand(payload: string): ParsedCommand {
  const parsed = parseCommandPayload(payload);
  if (!parsed.ok) return parsed;
  const { color, ...rest } = parsed.command as { color?: unknown };
  if (color === undefined) return parsed;
  const { r, g, b } = (typeof color === 'object' && color !== null ? color : {}) as Record<string, unknown>;
  if (typeof r !== 'number' || typeof g !== 'number' || typeof b !== 'number')
    return fail('color: expected {"r","g","b"}');
  return ok({ ...rest, color: rgbToHs({ r, g, b }) });
}

function entityStates(entity: EntitySpec, state: StateRecord): [string, string][] {
  switch (entity.component) {
    case 'sensor':
      return [['state', withDecimals(numberAt(state, entity.property), entity.decimals)]];
    case 'binary_sensor':
      return [['state', booleanAt(state, entity.property) !== entity.inverted ? 'ON' : 'OFF']];
    case 'switch':
      return [['state', stringAt(state, 'state', 'OFF')]];
    case 'light':
      return [['state', JSON.stringify(lightState(entity, state))]];
    case 'climate':
      return climateStates(entity.presets.length > 0, entity.fanModes.length > 0, state);
    case 'cover': {
      const position = numberAt(state, 'position');
      const motor = stringAt(state, 'motor_state', 'stopped');
      const moving = motor === 'opening' || motor === 'closing' ? motor : undefined;
      return [
        ['position/state', withDecimals(position, 0)],
        ...(entity.tilt
          ? [['tilt/state', withDecimals(numberAt(state, 'tilt'), 0)] as [string, string]]
          : []),
        // ESPHome says `open` for any position but closed: it has no "stopped".
        ['state', moving ?? (position === 0 ? 'closed' : 'open')],
      ];
    }
    case 'lock':
      return [['state', LOCK_STATES[stringAt(state, 'lock_state')] ?? 'UNKNOWN']];
    case 'fan': {
      const on = stringAt(state, 'fan_state') === 'ON';
      const level = entity.speeds.indexOf(stringAt(state, 'fan_mode')) + 1;
      // A preset (Zigbee2MQTT's `auto`) has no level in ESPHome: the middle speed stands for it.
      const speed = on ? (level > 0 ? level : Math.ceil(entity.speeds.length / 2)) : 0;
      return [
        ['state', on ? 'ON' : 'OFF'],
        ...(entity.direction
          ? [['direction/state', stringAt(state, 'direction', 'forward')] as [string, string]]
          : []),
        ...(entity.oscillation
          ? [
              ['oscillation/state', booleanAt(state, 'oscillating') ? 'oscillate_on' : 'oscillate_off'] as [
                string,
                string,
              ],
            ]
          : []),
        ['speed_level/state', String(speed)],
      ];
    }
    case 'number':
      // `snprintf("%f")`: six decimals.
      return [['state', numberAt(state, entity.property).toFixed(6)]];
    case 'select':
      return [['state', stringAt(state, entity.property)]];
    case 'button':
      return [];
  }
}

const LOCK_STATES: Readonly<Record<string, string>> = {
  locked: 'LOCKED',
  unlocked: 'UNLOCKED',
  locking: 'LOCKING',
  unlocking: 'UNLOCKING',
  not_fully_locked: 'JAMMED',
};

/** Zigbee2MQTT's `running_state` as ESPHome's climate action. */
const ACTIONS: Readonly<Record<string, string>> = {
  heat: 'heating',
  cool: 'cooling',
  idle: 'idle',
  fan_only: 'fan',
};

function climateStates(presets: boolean, fanModes: boolean, state: StateRecord): [string, string][] {
  const mode = stringAt(state, 'system_mode', 'off');
  return [
    ['mode/state', mode],
    ['current_temperature/state', withDecimals(numberAt(state, 'local_temperature'), 1)],
    ['target_temperature/state', withDecimals(numberAt(state, 'current_heating_setpoint'), 1)],
    ...(presets ? [['preset/state', stringAt(state, 'preset', 'none')] as [string, string]] : []),
    ['action/state', mode === 'off' ? 'off' : (ACTIONS[stringAt(state, 'running_state')] ?? 'idle')],
    ...(fanModes ? [['fan_mode/state', stringAt(state, 'fan_mode')] as [string, string]] : []),
  ];
}

/** `LightJSONSchema::dump_json`: `color` whenever the light has RGB, zero while in colour temperature. */
function lightState(entity: LightEntity, state: StateRecord): Record<string, unknown> {
  const colour = entity.colorModes.includes('hs');
  const mode = stringAt(state, 'color_mode', colour ? 'hs' : 'color_temp');
  const esphomeMode =
    !colour && !entity.colorModes.includes('color_temp')
      ? 'brightness'
      : mode === 'hs'
        ? 'rgb'
        : 'color_temp';
  const rgb = mode === 'hs' ? hsToRgb(hsAt(state, 'color') ?? { h: 0, s: 0 }) : { r: 0, g: 0, b: 0 };
  return {
    state: stringAt(state, 'state', 'OFF'),
    color_mode: esphomeMode,
    brightness: numberAt(state, 'brightness'),
    ...(colour ? { color: rgb } : {}),
    ...(entity.colorModes.includes('color_temp') ? { color_temp: numberAt(state, 'color_temp') } : {}),
    ...(entity.effects !== undefined && entity.effects.length > 0
      ? { effect: stringAt(state, 'effect', 'None') }
      : {}),
  };
}
