import { describe, expect, it } from 'vitest';
import { startHarness } from './component-harness.ts';

// Zigbee2MQTT's discovery of a Hampton Bay 99432 ceiling fan, as its homeassistant extension test has it:
// four speeds mapped through templates, and a preset on the same fan_mode property.
const z2mFan = {
  state_topic: 'zigbee2mqtt/fan',
  state_value_template: '{{ value_json.fan_state }}',
  command_topic: 'zigbee2mqtt/fan/set/fan_state',
  percentage_state_topic: 'zigbee2mqtt/fan',
  percentage_command_topic: 'zigbee2mqtt/fan/set/fan_mode',
  percentage_value_template:
    "{{ {'off':0, 'low':1, 'medium':2, 'high':3, 'on':4}[value_json.fan_mode] | default('None') }}",
  percentage_command_template: "{{ {0:'off', 1:'low', 2:'medium', 3:'high', 4:'on'}[value] | default('') }}",
  preset_mode_state_topic: 'zigbee2mqtt/fan',
  preset_mode_command_topic: 'zigbee2mqtt/fan/set/fan_mode',
  preset_mode_value_template:
    "{{ value_json.fan_mode if value_json.fan_mode in ['smart'] else 'None' | default('None') }}",
  preset_modes: ['smart'],
  speed_range_min: 1,
  speed_range_max: 4,
  json_attributes_topic: 'zigbee2mqtt/fan',
  name: null,
  object_id: 'fan',
  unique_id: '0x0017880104e45548_fan_zigbee2mqtt',
  device: {
    identifiers: ['zigbee2mqtt_0x0017880104e45548'],
    name: 'fan',
    sw_version: null,
    model: 'Universal wink enabled white ceiling fan premier remote control (99432)',
    manufacturer: 'Hampton Bay',
  },
  availability: [{ topic: 'zigbee2mqtt/bridge/state' }],
};
const Z2M_FAN = 'fan.fan';

// ESPHome's MQTT discovery of a three-speed fan: abbreviated keys, one topic per property.
const espHomeFan = {
  name: 'Desk Fan',
  uniq_id: 'ESPfandesk_fan',
  avty_t: 'deskfan/status',
  stat_t: 'deskfan/fan/desk_fan/state',
  cmd_t: 'deskfan/fan/desk_fan/command',
  osc_stat_t: 'deskfan/fan/desk_fan/oscillation/state',
  osc_cmd_t: 'deskfan/fan/desk_fan/oscillation/command',
  pct_stat_t: 'deskfan/fan/desk_fan/speed_level/state',
  pct_cmd_t: 'deskfan/fan/desk_fan/speed_level/command',
  spd_rng_max: 3,
  dir_stat_t: 'deskfan/fan/desk_fan/direction/state',
  dir_cmd_t: 'deskfan/fan/desk_fan/direction/command',
  dev: { ids: '240ac4aa0001', name: 'deskfan', sw: 'esphome v2025.6.0', mdl: 'esp32dev' },
};
const DESK = 'fan.deskfan_desk_fan';
const desk = (leaf: string) => `deskfan/fan/desk_fan/${leaf}`;

// A Tasmota iFan configured by hand: FanSpeed 0..3 is both its power and its speed.
const tasmotaIfan = {
  name: 'Ceiling Fan',
  uniq_id: 'ifan03_fan',
  cmd_t: 'cmnd/ifan03/FanSpeed',
  cmd_tpl: "{{ 2 if value == 'ON' else 0 }}",
  stat_t: 'stat/ifan03/RESULT',
  stat_val_tpl: "{{ 'OFF' if value_json.FanSpeed == 0 else 'ON' }}",
  pct_cmd_t: 'cmnd/ifan03/FanSpeed',
  pct_stat_t: 'stat/ifan03/RESULT',
  pct_val_tpl: '{{ value_json.FanSpeed }}',
  spd_rng_min: 1,
  spd_rng_max: 3,
  avty_t: 'tele/ifan03/LWT',
  pl_avail: 'Online',
  pl_not_avail: 'Offline',
};
const IFAN = 'fan.ceiling_fan';

function withZ2mFan() {
  const hub = startHarness();
  hub.mqtt.deliver('homeassistant/fan/0x0017880104e45548/fan/config', z2mFan);
  hub.mqtt.deliver('zigbee2mqtt/bridge/state', 'online');
  hub.mqtt.deliver('zigbee2mqtt/fan', { fan_state: 'ON', fan_mode: 'medium' });
  hub.take();
  return hub;
}

function withEspHomeFan() {
  const hub = startHarness();
  hub.mqtt.deliver('homeassistant/fan/deskfan/desk_fan/config', espHomeFan);
  hub.mqtt.deliver('deskfan/status', 'online');
  hub.mqtt.deliver(desk('state'), 'ON');
  hub.mqtt.deliver(desk('speed_level/state'), '1');
  hub.mqtt.deliver(desk('oscillation/state'), 'oscillate_off');
  hub.mqtt.deliver(desk('direction/state'), 'forward');
  hub.take();
  return hub;
}

describe('MQTT fan: discovery', () => {
  it('builds a Zigbee2MQTT fan: speeds through templates, the preset on the same property', () => {
    const hub = withZ2mFan();
    expect(hub.states.get(Z2M_FAN)).toMatchObject({
      state: 'on',
      attributes: {
        friendly_name: 'fan',
        percentage: 50, // medium is speed 2 of 1..4
        percentage_step: 25,
        preset_mode: null,
        preset_modes: ['smart'],
        // SET_SPEED | PRESET_MODE | TURN_OFF | TURN_ON
        supported_features: 1 + 8 + 16 + 32,
      },
    });
    hub.mqtt.deliver('zigbee2mqtt/fan', { fan_state: 'ON', fan_mode: 'smart' });
    expect(hub.states.get(Z2M_FAN)?.attributes).toMatchObject({ percentage: null, preset_mode: 'smart' });
    hub.mqtt.deliver('zigbee2mqtt/fan', { fan_state: 'OFF', fan_mode: 'off' });
    expect(hub.states.get(Z2M_FAN)).toMatchObject({ state: 'off', attributes: { percentage: 0 } });
    expect(hub.warnings).toEqual([]);
  });

  it('builds an ESPHome fan from abbreviated keys: speed, oscillation, direction', () => {
    const hub = withEspHomeFan();
    expect(hub.states.get(DESK)).toMatchObject({
      state: 'on',
      attributes: {
        friendly_name: 'deskfan Desk Fan',
        percentage: 33,
        percentage_step: 100 / 3,
        oscillating: false,
        direction: 'forward',
        preset_mode: null,
        preset_modes: [],
        // SET_SPEED | OSCILLATE | DIRECTION | TURN_OFF | TURN_ON
        supported_features: 1 + 2 + 4 + 16 + 32,
      },
    });
  });

  it('reads a Tasmota iFan whose state and speed come from one RESULT message', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/fan/ifan03/config', tasmotaIfan);
    hub.mqtt.deliver('tele/ifan03/LWT', 'Online');
    hub.mqtt.deliver('stat/ifan03/RESULT', { FanSpeed: 3 });
    expect(hub.states.get(IFAN)).toMatchObject({ state: 'on', attributes: { percentage: 100 } });
    hub.mqtt.deliver('stat/ifan03/RESULT', { FanSpeed: 0 });
    expect(hub.states.get(IFAN)).toMatchObject({ state: 'off', attributes: { percentage: 0 } });
  });

  it('starts unknown and assumed, without attributes it does not support, when it has only a command topic', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/fan/plain/config', { name: 'Plain', command_topic: 'plain/set' });
    expect(hub.states.get('fan.plain')).toMatchObject({
      state: 'unknown',
      attributes: { supported_features: 48, assumed_state: true },
    });
    expect(hub.states.get('fan.plain')?.attributes).not.toHaveProperty('percentage');
  });

  it.each([
    [desk('speed_level/state'), '2.5', 'is not a valid speed within the speed range'],
    [desk('speed_level/state'), '7', '"7" is not a valid speed'],
    [desk('state'), 'SPINNING', 'state "SPINNING" is neither "ON" nor "OFF"'],
    [desk('oscillation/state'), 'sideways', 'oscillation "sideways"'],
  ])('logs a bad report on %s (%s) against the entity and keeps its state', (topic, payload, warning) => {
    const hub = withEspHomeFan();
    const before = hub.states.get(DESK);
    hub.mqtt.deliver(topic, payload);
    expect(hub.states.get(DESK)?.attributes).toEqual(before?.attributes);
    expect(hub.warnings).toHaveLength(1);
    expect(hub.warnings[0]).toContain(`${DESK}: ${topic}: `);
    expect(hub.warnings[0]).toContain(warning);
  });

  it('resets the percentage and the preset on payload_reset_percentage and payload_reset_preset_mode', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/fan/r/config', {
      name: 'R',
      command_topic: 'r/set',
      percentage_command_topic: 'r/pct/set',
      percentage_state_topic: 'r/pct',
      preset_mode_command_topic: 'r/preset/set',
      preset_mode_state_topic: 'r/preset',
      preset_modes: ['breeze'],
      payload_reset_percentage: 'unknown',
      payload_reset_preset_mode: 'none',
    });
    hub.mqtt.deliver('r/pct', '40');
    hub.mqtt.deliver('r/preset', 'breeze');
    hub.mqtt.deliver('r/pct', 'unknown');
    hub.mqtt.deliver('r/preset', 'none');
    expect(hub.states.get('fan.r')?.attributes).toMatchObject({ percentage: null, preset_mode: null });
  });

  it.each([
    [{ name: 'X', command_topic: 'x', speed_range_min: 0 }, 'config.speed_range_min: must be > 0'],
    [{ name: 'X', command_topic: 'x', speed_range_min: 5, speed_range_max: 5 }, 'config.speed_range_max'],
    [
      { name: 'X', command_topic: 'x', preset_mode_command_topic: 'p', preset_modes: ['None'] },
      'payload_reset_preset_mode',
    ],
    [{ name: 'X', state_topic: 'x' }, 'config.command_topic'],
    [
      { name: 'X', command_topic: 'x', percentage_command_template: '{% for x in y %}' },
      'percentage_command_template:',
    ],
  ])('refuses the config %j as Home Assistant does', (config, warning) => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/fan/x/config', config);
    expect(hub.states.get('fan.x')).toBeUndefined();
    expect(hub.warnings).toEqual([expect.stringContaining(warning)]);
  });
});

describe('MQTT fan: services publish what Home Assistant publishes', () => {
  it('turns on at a percentage: ON, then the speed through the command template, confirmed by the report', async () => {
    const hub = withZ2mFan();
    hub.mqtt.deliver('zigbee2mqtt/fan', { fan_state: 'OFF', fan_mode: 'off' });
    const call = hub.call('fan', 'turn_on', Z2M_FAN, { percentage: 66 });
    // 66 % of speeds 1..4 is 2.64, rounded up to 3: high.
    expect(hub.take()).toEqual(['zigbee2mqtt/fan/set/fan_state ON', 'zigbee2mqtt/fan/set/fan_mode high']);
    hub.mqtt.deliver('zigbee2mqtt/fan', { fan_state: 'ON', fan_mode: 'off' });
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver('zigbee2mqtt/fan', { fan_state: 'ON', fan_mode: 'high' });
    const context = await call.done;
    expect(hub.states.get(Z2M_FAN)).toMatchObject({ state: 'on', attributes: { percentage: 75 }, context });
  });

  it.each([
    ['set_percentage', { percentage: 0 }, 'zigbee2mqtt/fan/set/fan_mode off', { fan_mode: 'off' }],
    ['set_percentage', { percentage: 25 }, 'zigbee2mqtt/fan/set/fan_mode low', { fan_mode: 'low' }],
    ['set_percentage', { percentage: 100 }, 'zigbee2mqtt/fan/set/fan_mode on', { fan_mode: 'on' }],
    ['increase_speed', {}, 'zigbee2mqtt/fan/set/fan_mode high', { fan_mode: 'high' }],
    ['decrease_speed', {}, 'zigbee2mqtt/fan/set/fan_mode low', { fan_mode: 'low' }],
    ['decrease_speed', { percentage_step: 30 }, 'zigbee2mqtt/fan/set/fan_mode low', { fan_mode: 'low' }],
    [
      'set_preset_mode',
      { preset_mode: 'smart' },
      'zigbee2mqtt/fan/set/fan_mode smart',
      { fan_mode: 'smart' },
    ],
    ['turn_off', {}, 'zigbee2mqtt/fan/set/fan_state OFF', { fan_state: 'OFF' }],
    ['toggle', {}, 'zigbee2mqtt/fan/set/fan_state OFF', { fan_state: 'OFF' }],
  ])('%s %j publishes "%s" and resolves on the report', async (service, data, line, report) => {
    const hub = withZ2mFan();
    const call = hub.call('fan', service, Z2M_FAN, data);
    expect(hub.take()).toEqual([line]);
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver('zigbee2mqtt/fan', { fan_state: 'ON', fan_mode: 'medium', ...report });
    expect(await call.settled()).toBe('resolved');
  });

  it.each([
    [
      'oscillate',
      { oscillating: true },
      `${desk('oscillation/command')} oscillate_on`,
      ['oscillation/state', 'oscillate_on'],
    ],
    [
      'set_direction',
      { direction: 'reverse' },
      `${desk('direction/command')} reverse`,
      ['direction/state', 'reverse'],
    ],
    ['set_percentage', { percentage: 50 }, `${desk('speed_level/command')} 2`, ['speed_level/state', '2']],
    ['turn_on', {}, `${desk('command')} ON`, ['state', 'ON']],
  ])('%s %j on an ESPHome fan publishes "%s"', async (service, data, line, [leaf, payload]) => {
    const hub = withEspHomeFan();
    hub.mqtt.deliver(desk('state'), 'OFF');
    const call = hub.call('fan', service, DESK, data);
    expect(hub.take()).toEqual([line]);
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver(desk(leaf ?? ''), payload ?? '');
    expect(await call.settled()).toBe('resolved');
  });

  it('renders command_template for on/off: the iFan gets FanSpeed 2 and 0', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/fan/ifan03/config', tasmotaIfan);
    hub.mqtt.deliver('tele/ifan03/LWT', 'Online');
    const on = hub.call('fan', 'turn_on', IFAN);
    hub.mqtt.deliver('stat/ifan03/RESULT', { FanSpeed: 2 });
    await on.done;
    const off = hub.call('fan', 'turn_off', IFAN);
    hub.mqtt.deliver('stat/ifan03/RESULT', { FanSpeed: 0 });
    await off.done;
    expect(hub.take()).toEqual(['cmnd/ifan03/FanSpeed 2', 'cmnd/ifan03/FanSpeed 0']);
  });

  it('is optimistic without state topics: every command confirmed at once, the state set with its context', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/fan/o/config', {
      name: 'Opt',
      command_topic: 'o/set',
      percentage_command_topic: 'o/pct',
      oscillation_command_topic: 'o/osc',
      payload_oscillation_on: 'true',
      payload_oscillation_off: 'false',
      speed_range_min: 1,
      speed_range_max: 255,
    });
    const turnedOn = await hub.call('fan', 'turn_on', 'fan.opt', { percentage: 50 }).done;
    expect(hub.states.get('fan.opt')).toMatchObject({ state: 'on', context: turnedOn });
    const oscillated = await hub.call('fan', 'oscillate', 'fan.opt', { oscillating: true }).done;
    // 50 % of 1..255 is 127.5, rounded up: Home Assistant's math.ceil.
    expect(hub.take()).toEqual(['o/set ON', 'o/pct 128', 'o/osc true']);
    expect(hub.states.get('fan.opt')).toMatchObject({
      state: 'on',
      attributes: { percentage: 50, oscillating: true, percentage_step: 1 },
      context: oscillated,
    });
  });

  it('waits on the speed while the optimistic on/off is applied at once', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/fan/m/config', {
      name: 'Mixed',
      command_topic: 'm/set',
      percentage_command_topic: 'm/pct/set',
      percentage_state_topic: 'm/pct',
    });
    const call = hub.call('fan', 'turn_on', 'fan.mixed', { percentage: 30 });
    expect(await call.settled()).toBe('pending');
    expect(hub.states.get('fan.mixed')?.state).toBe('on');
    hub.mqtt.deliver('m/pct', '30');
    expect(await call.settled()).toBe('resolved');
  });

  it('answers device_timeout when the fan never reports', async () => {
    const hub = withZ2mFan();
    const call = hub.call('fan', 'turn_off', Z2M_FAN);
    hub.clock.advance(5000);
    await expect(call.done).rejects.toMatchObject({ code: 'device_timeout' });
  });

  it.each([
    [Z2M_FAN, 'set_percentage', { percentage: 101 }, 'service_data.percentage: must be 0..100'],
    [Z2M_FAN, 'set_percentage', {}, 'service_data.percentage'],
    [
      Z2M_FAN,
      'turn_on',
      { preset_mode: 'turbo' },
      'service_data.preset_mode: must be one of smart, got "turbo"',
    ],
    [Z2M_FAN, 'set_preset_mode', { preset_mode: 'auto' }, 'service_data.preset_mode: must be one of smart'],
    [
      Z2M_FAN,
      'oscillate',
      { oscillating: true },
      'service_data.oscillating: fan.fan does not support oscillation',
    ],
    [Z2M_FAN, 'set_direction', { direction: 'forward' }, 'service_data.direction: fan.fan does not support'],
    [DESK, 'set_direction', { direction: 'up' }, 'service_data.direction: must be forward or reverse'],
    [DESK, 'oscillate', { oscillating: 'yes' }, 'service_data.oscillating: must be true or false'],
    [DESK, 'set_preset_mode', { preset_mode: 'smart' }, 'service_data.preset_mode: must be one of (none)'],
    [DESK, 'increase_speed', { percentage_step: -5 }, 'service_data.percentage_step: must be 0..100'],
  ])(
    'refuses %s %s %j with service_validation_error, publishing nothing',
    async (entityId, service, data, message) => {
      const hub = entityId === DESK ? withEspHomeFan() : withZ2mFan();
      await expect(hub.call('fan', service, entityId, data).done).rejects.toMatchObject({
        code: 'service_validation_error',
        message: expect.stringContaining(message),
      });
      expect(hub.take()).toEqual([]);
    },
  );
});
