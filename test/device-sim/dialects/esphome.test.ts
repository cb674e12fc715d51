import { describe, expect, it } from 'vitest';
import { fnv1Hex } from '../../../device-sim/discovery-config.ts';
import type { SimulatedDevice } from '../../../device-sim/simulated-device.ts';
import { deviceOf, type Kind } from './every-kind.ts';

/** `ids`, `uniq_id` and `dev` as ESPHome derives them (MAC generator) for `device`. */
function mac(device: SimulatedDevice): string {
  return `a4cf12${fnv1Hex(device.name).slice(0, 6)}`;
}

function dev(device: SimulatedDevice): Record<string, unknown> {
  return {
    ids: mac(device),
    name: device.friendlyName,
    sw: 'esphome v2024.12.4 Dec 20 2024, 10:00:00',
    mdl: 'esp32dev',
    mf: 'espressif',
    sa: 'Den',
  };
}

/** [kind, discovery topic, the config without uniq_id/dev, the friendly name hashed into uniq_id] */
const DISCOVERY: [Kind, string, Record<string, unknown>, string][] = [
  [
    'climate-sensor',
    'homeassistant/sensor/climate/temperature/config',
    {
      dev_cla: 'temperature',
      unit_of_meas: '°C',
      stat_cla: 'measurement',
      name: 'Temperature',
      stat_t: 'climate/sensor/temperature/state',
      avty_t: 'climate/status',
      obj_id: 'climate_temperature',
    },
    'Temperature',
  ],
  [
    'plug',
    'homeassistant/switch/plug/plug/config',
    {
      name: '',
      stat_t: 'plug/switch/plug/state',
      cmd_t: 'plug/switch/plug/command',
      avty_t: 'plug/status',
      obj_id: 'plug_plug',
    },
    'Plug',
  ],
  [
    'door',
    'homeassistant/binary_sensor/door/door/config',
    {
      dev_cla: 'door',
      name: '',
      stat_t: 'door/binary_sensor/door/state',
      avty_t: 'door/status',
      obj_id: 'door_door',
    },
    'Door',
  ],
  [
    'bulb',
    'homeassistant/light/bulb/bulb/config',
    {
      schema: 'json',
      clrm: true,
      supported_color_modes: ['color_temp', 'rgb'],
      brightness: true,
      min_mirs: 153,
      max_mirs: 500,
      effect: true,
      fx_list: ['0', '1', '2', '3', '4', 'None'],
      name: '',
      stat_t: 'bulb/light/bulb/state',
      cmd_t: 'bulb/light/bulb/command',
      avty_t: 'bulb/status',
      obj_id: 'bulb_bulb',
    },
    'Bulb',
  ],
  [
    'aircon',
    'homeassistant/climate/aircon/air_conditioner/config',
    {
      curr_temp_t: 'aircon/climate/air_conditioner/current_temperature/state',
      mode_cmd_t: 'aircon/climate/air_conditioner/mode/command',
      mode_stat_t: 'aircon/climate/air_conditioner/mode/state',
      modes: ['auto', 'off', 'cool', 'heat', 'fan_only'],
      temp_cmd_t: 'aircon/climate/air_conditioner/target_temperature/command',
      temp_stat_t: 'aircon/climate/air_conditioner/target_temperature/state',
      min_temp: 16,
      max_temp: 30,
      temp_step: 0.5,
      temp_unit: 'C',
      min_hum: 30,
      max_hum: 99,
      pr_mode_cmd_t: 'aircon/climate/air_conditioner/preset/command',
      pr_mode_stat_t: 'aircon/climate/air_conditioner/preset/state',
      preset_modes: ['boost', 'eco', 'sleep'],
      act_t: 'aircon/climate/air_conditioner/action/state',
      fan_mode_cmd_t: 'aircon/climate/air_conditioner/fan_mode/command',
      fan_mode_stat_t: 'aircon/climate/air_conditioner/fan_mode/state',
      fan_modes: ['auto', 'low', 'medium', 'high'],
      name: 'Air Conditioner',
      avty_t: 'aircon/status',
      obj_id: 'aircon_air_conditioner',
    },
    'Air Conditioner',
  ],
  [
    'venetian',
    'homeassistant/cover/venetian/venetian/config',
    {
      dev_cla: 'blind',
      pos_t: 'venetian/cover/venetian/position/state',
      set_pos_t: 'venetian/cover/venetian/position/command',
      tilt_status_t: 'venetian/cover/venetian/tilt/state',
      tilt_cmd_t: 'venetian/cover/venetian/tilt/command',
      name: '',
      stat_t: 'venetian/cover/venetian/state',
      cmd_t: 'venetian/cover/venetian/command',
      avty_t: 'venetian/status',
      obj_id: 'venetian_venetian',
    },
    'Venetian',
  ],
  [
    'lock',
    'homeassistant/lock/lock/lock/config',
    {
      name: 'Lock',
      stat_t: 'lock/lock/lock/state',
      cmd_t: 'lock/lock/lock/command',
      avty_t: 'lock/status',
      obj_id: 'lock_lock',
    },
    'Lock',
  ],
  [
    'fan',
    'homeassistant/fan/fan/ceiling_fan/config',
    {
      dir_cmd_t: 'fan/fan/ceiling_fan/direction/command',
      dir_stat_t: 'fan/fan/ceiling_fan/direction/state',
      osc_cmd_t: 'fan/fan/ceiling_fan/oscillation/command',
      osc_stat_t: 'fan/fan/ceiling_fan/oscillation/state',
      pct_cmd_t: 'fan/fan/ceiling_fan/speed_level/command',
      pct_stat_t: 'fan/fan/ceiling_fan/speed_level/state',
      spd_rng_max: 3,
      name: 'Ceiling Fan',
      stat_t: 'fan/fan/ceiling_fan/state',
      cmd_t: 'fan/fan/ceiling_fan/command',
      avty_t: 'fan/status',
      obj_id: 'fan_ceiling_fan',
    },
    'Ceiling Fan',
  ],
  [
    'extras',
    'homeassistant/number/extras/min_brightness/config',
    {
      min: 1,
      max: 100,
      step: 1,
      unit_of_meas: '%',
      mode: 'slider',
      name: 'Min brightness',
      ent_cat: 'config',
      stat_t: 'extras/number/min_brightness/state',
      cmd_t: 'extras/number/min_brightness/command',
      avty_t: 'extras/status',
      obj_id: 'extras_min_brightness',
    },
    'Min brightness',
  ],
  [
    'extras',
    'homeassistant/select/extras/power-on_behavior/config',
    {
      ops: ['off', 'on', 'previous'],
      name: 'Power-on behavior',
      stat_t: 'extras/select/power-on_behavior/state',
      cmd_t: 'extras/select/power-on_behavior/command',
      avty_t: 'extras/status',
      obj_id: 'extras_power-on_behavior',
    },
    'Power-on behavior',
  ],
  [
    'extras',
    'homeassistant/button/extras/identify/config',
    {
      dev_cla: 'identify',
      name: 'Identify',
      cmd_t: 'extras/button/identify/command',
      avty_t: 'extras/status',
      obj_id: 'extras_identify',
    },
    'Identify',
  ],
];

/** [kind, command topic, payload, what the device's state then holds] */
const COMMANDS: [Kind, string, string, Record<string, unknown>][] = [
  ['plug', 'plug/switch/plug/command', 'OFF', { state: 'OFF' }],
  ['plug', 'plug/switch/plug/command', 'toggle', { state: 'OFF' }],
  [
    'dimmer',
    'dimmer/light/dimmer/command',
    '{"state":"ON","brightness":90}',
    { state: 'ON', brightness: 90 },
  ],
  [
    'bulb',
    'bulb/light/bulb/command',
    '{"state":"ON","color":{"r":255,"g":128,"b":0}}',
    { state: 'ON', color_mode: 'hs', color: { h: 30.1, s: 100 } },
  ],
  ['bulb', 'bulb/light/bulb/command', '{"effect":"3"}', { effect: '3' }],
  ['aircon', 'aircon/climate/air_conditioner/mode/command', 'HEAT', { system_mode: 'heat' }],
  [
    'aircon',
    'aircon/climate/air_conditioner/target_temperature/command',
    '24.5',
    { current_heating_setpoint: 24.5 },
  ],
  [
    'aircon',
    'aircon/climate/air_conditioner/preset/command',
    'eco',
    { preset: 'eco', current_heating_setpoint: 26 },
  ],
  ['aircon', 'aircon/climate/air_conditioner/fan_mode/command', 'high', { fan_mode: 'high' }],
  ['venetian', 'venetian/cover/venetian/command', 'STOP', { motor_state: 'stopped' }],
  ['venetian', 'venetian/cover/venetian/command', 'close', { motor_state: 'closing' }],
  ['venetian', 'venetian/cover/venetian/position/command', '30', { motor_state: 'closing' }],
  ['venetian', 'venetian/cover/venetian/tilt/command', '75', { tilt: 75 }],
  ['lock', 'lock/lock/lock/command', 'UNLOCK', { lock_state: 'unlocking' }],
  ['lock', 'lock/lock/lock/command', 'open', { lock_state: 'unlocking' }],
  ['fan', 'fan/fan/ceiling_fan/command', 'ON', { fan_state: 'ON', fan_mode: 'low' }],
  ['fan', 'fan/fan/ceiling_fan/speed_level/command', '3', { fan_state: 'ON', fan_mode: 'high' }],
  ['fan', 'fan/fan/ceiling_fan/speed_level/command', '0', { fan_state: 'OFF' }],
  ['fan', 'fan/fan/ceiling_fan/oscillation/command', 'oscillate_on', { oscillating: true }],
  ['fan', 'fan/fan/ceiling_fan/direction/command', 'reverse', { direction: 'reverse' }],
];

const REFUSED: [Kind, string, string, RegExp][] = [
  ['plug', 'plug/switch/plug/command', 'MAYBE', /unknown payload/],
  ['aircon', 'aircon/climate/air_conditioner/target_temperature/command', 'warm', /can't convert/],
  ['fan', 'fan/fan/ceiling_fan/speed_level/command', '7', /invalid speed level/],
  ['lock', 'lock/lock/lock/command', 'JIGGLE', /unknown payload/],
  ['bulb', 'bulb/light/bulb/command', '{"color":{"x":0.3}}', /"r","g","b"/],
  ['extras', 'extras/button/identify/command', 'press', /unknown payload/],
];

/** [kind, the state messages after construction: topic suffix after the node, payload] */
const STATES: [Kind, [string, string][]][] = [
  [
    'aircon',
    [
      ['climate/air_conditioner/mode/state', 'cool'],
      ['climate/air_conditioner/current_temperature/state', '26.5'],
      ['climate/air_conditioner/target_temperature/state', '23.0'],
      ['climate/air_conditioner/preset/state', 'none'],
      ['climate/air_conditioner/action/state', 'cooling'],
      ['climate/air_conditioner/fan_mode/state', 'auto'],
    ],
  ],
  [
    'venetian',
    [
      ['cover/venetian/position/state', '100'],
      ['cover/venetian/tilt/state', '20'],
      ['cover/venetian/state', 'open'],
    ],
  ],
  [
    'fan',
    [
      ['fan/ceiling_fan/state', 'OFF'],
      ['fan/ceiling_fan/direction/state', 'forward'],
      ['fan/ceiling_fan/oscillation/state', 'oscillate_off'],
      ['fan/ceiling_fan/speed_level/state', '0'],
    ],
  ],
  ['lock', [['lock/lock/state', 'LOCKED']]],
  ['door', [['binary_sensor/door/state', 'OFF']]],
  [
    'bulb',
    [
      [
        'light/bulb/state',
        '{"state":"OFF","color_mode":"color_temp","brightness":200,"color":{"r":0,"g":0,"b":0},"color_temp":370,"effect":"0"}',
      ],
    ],
  ],
  [
    'extras',
    [
      ['light/extras/state', '{"state":"OFF","color_mode":"brightness","brightness":200}'],
      // `%f`
      ['number/min_brightness/state', '5.000000'],
      ['select/power-on_behavior/state', 'previous'],
    ],
  ],
];

describe('the ESPHome dialect', () => {
  it.each(DISCOVERY)('announces a %s on %s as an ESPHome node does', (kind, topic, config, friendly) => {
    const device = deviceOf(kind, 'esphome');
    const message = device.discoveryMessages().find((candidate) => candidate.topic === topic);
    expect(message?.config).toEqual({
      ...config,
      uniq_id: `${mac(device)}-${topic.split('/')[1]}-${fnv1Hex(friendly)}`,
      dev: dev(device),
    });
  });

  it("lists modes and presets in ESPHome's own order, with off always there", () => {
    expect(deviceOf('radiator', 'esphome').discoveryMessages()[0]?.config).toMatchObject({
      modes: ['auto', 'off', 'heat'],
      preset_modes: ['boost', 'comfort', 'eco'],
    });
  });

  it('gives a climate no stat_t or cmd_t of its own, and a button no stat_t', () => {
    const keys = (kind: Kind) =>
      deviceOf(kind, 'esphome')
        .discoveryMessages()
        .map((message) => message.config);
    expect(keys('aircon')[0]).not.toHaveProperty('stat_t');
    expect(keys('aircon')[0]).not.toHaveProperty('cmd_t');
    expect(keys('extras')[3]).not.toHaveProperty('stat_t');
  });

  it.each(COMMANDS)('%s: %s %j', (kind, topic, payload, expected) => {
    const device = deviceOf(kind, 'esphome');
    const parsed = device.wire.readCommand(topic, payload);
    if (parsed === undefined || !parsed.ok) throw new Error(`not read: ${JSON.stringify(parsed)}`);
    expect(device.apply(parsed.command)).toEqual({ ok: true });
    expect(device.state).toMatchObject(expected);
    device.stop();
  });

  it.each(REFUSED)('%s refuses %s %j', (kind, topic, payload, reason) => {
    const result = deviceOf(kind, 'esphome').wire.readCommand(topic, payload);
    expect(result?.ok).toBe(false);
    if (result !== undefined && !result.ok) expect(result.reason).toMatch(reason);
  });

  it.each(STATES)('publishes a %s one topic per attribute, retained', (kind, expected) => {
    const device = deviceOf(kind, 'esphome');
    expect(device.wire.stateMessages('command')).toEqual(
      expected.map(([suffix, payload]) => ({ topic: `${device.name}/${suffix}`, payload, retain: true })),
    );
  });

  it("subscribes to its command topics only, and ignores Home Assistant's birth", () => {
    const device = deviceOf('fan', 'esphome');
    expect(device.wire.commandTopics).toEqual([
      'fan/fan/ceiling_fan/command',
      'fan/fan/ceiling_fan/speed_level/command',
      'fan/fan/ceiling_fan/oscillation/command',
      'fan/fan/ceiling_fan/direction/command',
    ]);
    expect(device.wire.birth).toBe('ignore');
    expect(device.wire.availability).toEqual({ topic: 'fan/status', online: 'online', offline: 'offline' });
    expect(device.wire.readCommand('fan/fan/ceiling_fan/state', 'ON')).toBeUndefined();
  });

  it('reports a cover moving, and "open" (never "stopped") when it stops part way', () => {
    const device = deviceOf('roller', 'esphome');
    device.handleCommand('CLOSE');
    const state = () =>
      device.wire.stateMessages('report').find((message) => message.topic === 'roller/cover/roller/state')
        ?.payload;
    expect(state()).toBe('closing');
    device.handleCommand('STOP');
    expect(state()).toBe('open');
  });

  it('reports a jammed lock as JAMMED', () => {
    const device = deviceOf('lock', 'esphome') as import('../../../device-sim/devices/lock.ts').SimulatedLock;
    device.jam();
    expect(device.wire.stateMessages('report')[0]?.payload).toBe('JAMMED');
  });
});
