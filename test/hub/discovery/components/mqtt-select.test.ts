import { describe, expect, it } from 'vitest';
import type { Harness } from './component-harness.ts';
import { COMMAND_TIMEOUT_MS, startHarness } from './component-harness.ts';

// Zigbee2MQTT 2.x's discovery of a bulb's power-on behaviour (enum expose with set access).
const Z2M_STATE = 'zigbee2mqtt/Desk Lamp';
const z2mPowerOn = {
  availability: [{ topic: 'zigbee2mqtt/bridge/state', value_template: '{{ value_json.state }}' }],
  command_topic: `${Z2M_STATE}/set/power_on_behavior`,
  device: { identifiers: ['zigbee2mqtt_0x0017880108a1b2c3'], manufacturer: 'Signify', name: 'Desk Lamp' },
  enabled_by_default: true,
  entity_category: 'config',
  icon: 'mdi:power-settings',
  name: 'Power-on behavior',
  object_id: 'desk_lamp_power_on_behavior',
  options: ['off', 'on', 'toggle', 'previous'],
  state_topic: Z2M_STATE,
  unique_id: '0x0017880108a1b2c3_power_on_behavior_zigbee2mqtt',
  value_template: '{{ value_json.power_on_behavior }}',
};
const POWER_ON = 'select.desk_lamp_power_on_behavior';

// ESPHome's MQTT discovery of a template select, abbreviated.
const espHomeSelect = {
  name: 'Mode',
  stat_t: 'esp-ac/select/mode/state',
  cmd_t: 'esp-ac/select/mode/command',
  ops: ['Auto', 'Cool', 'Heat'],
  avty_t: 'esp-ac/status',
  uniq_id: 'ESPselectmode',
  dev: { ids: ['a4cf12b3c4d7'], name: 'esp-ac', mf: 'espressif' },
};

function withPowerOn(value: string | null = 'previous'): Harness {
  const hub = startHarness();
  hub.mqtt.deliver('homeassistant/select/0x0017880108a1b2c3/power_on_behavior/config', z2mPowerOn);
  hub.mqtt.deliver('zigbee2mqtt/bridge/state', { state: 'online' });
  if (value !== null) hub.mqtt.deliver(Z2M_STATE, { state: 'ON', power_on_behavior: value });
  hub.take();
  return hub;
}

function withSelect(config: object, ...reports: [string, string | object][]): Harness {
  const hub = startHarness();
  hub.mqtt.deliver('homeassistant/select/test/config', { name: 'Test', options: ['a', 'b', 'c'], ...config });
  for (const [topic, payload] of reports) hub.mqtt.deliver(topic, payload);
  hub.take();
  return hub;
}

describe('MQTT select: discovery', () => {
  it('builds a Zigbee2MQTT power-on behaviour select with its options', () => {
    const hub = withPowerOn('toggle');
    expect(hub.states.get(POWER_ON)).toMatchObject({
      state: 'toggle',
      attributes: {
        options: ['off', 'on', 'toggle', 'previous'],
        friendly_name: 'Desk Lamp Power-on behavior',
      },
    });
  });

  it('builds an ESPHome select from abbreviated keys', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/select/esp-ac/mode/config', espHomeSelect);
    hub.mqtt.deliver('esp-ac/status', 'online');
    hub.mqtt.deliver('esp-ac/select/mode/state', 'Cool');
    expect(hub.states.get('select.esp_ac_mode')).toMatchObject({
      state: 'Cool',
      attributes: { options: ['Auto', 'Cool', 'Heat'] },
    });
  });

  it('takes numeric options as the strings it will compare them with', () => {
    const hub = withSelect({ command_topic: 's/set', state_topic: 's', options: [1, 2, 3] }, ['s', '2']);
    expect(hub.states.get('select.test')).toMatchObject({
      state: '2',
      attributes: { options: ['1', '2', '3'] },
    });
  });

  it.each([
    ['None resets to unknown', ['b', 'None'], 'unknown'],
    ['so does none, in any case', ['b', 'NONE'], 'unknown'],
    ['an empty payload is ignored', ['b', ''], 'b'],
    ['an option it does not have is logged and ignored', ['b', 'd'], 'b'],
  ])('%s', (_name, payloads, state) => {
    const hub = withSelect({ command_topic: 's/set', state_topic: 's' });
    for (const payload of payloads) hub.mqtt.deliver('s', payload);
    expect(hub.states.get('select.test')?.state).toBe(state);
  });

  it('logs an option it does not have against the entity', () => {
    const hub = withSelect({ command_topic: 's/set', state_topic: 's' }, ['s', 'd']);
    expect(hub.warnings).toEqual(['select.test: s: option "d" is not one of a, b, c']);
  });

  it.each([
    ['no options', { options: undefined }, 'config.options'],
    ['an empty list of options', { options: [] }, 'config.options'],
  ])('refuses a config with %s', (_name, config, message) => {
    const hub = withSelect({ command_topic: 's/set', ...config });
    expect(hub.states.get('select.test')).toBeUndefined();
    expect(hub.warnings).toEqual([expect.stringContaining(message)]);
  });
});

describe('MQTT select: services', () => {
  it('select_option publishes the option and resolves when the device reports it', async () => {
    const hub = withPowerOn('previous');
    const call = hub.call('select', 'select_option', POWER_ON, { option: 'off' });
    expect(hub.take()).toEqual([`${Z2M_STATE}/set/power_on_behavior off`]);
    hub.mqtt.deliver(Z2M_STATE, { state: 'ON', power_on_behavior: 'previous' });
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver(Z2M_STATE, { state: 'ON', power_on_behavior: 'off' });
    const context = await call.done;
    expect(hub.states.get(POWER_ON)).toMatchObject({ state: 'off', context });
  });

  it.each([
    ['select_first', {}, 'b', 'a'],
    ['select_last', {}, 'a', 'c'],
    ['select_next', {}, 'a', 'b'],
    ['select_next', {}, 'c', 'a'],
    ['select_next', { cycle: false }, 'c', 'c'],
    ['select_previous', {}, 'a', 'c'],
    ['select_previous', { cycle: false }, 'a', 'a'],
    ['select_previous', {}, 'None', 'c'],
    ['select_next', {}, 'None', 'b'],
  ])('%s %j from %s sends %s', (service, data, current, option) => {
    const hub = withSelect({ command_topic: 's/set', state_topic: 's' }, ['s', current]);
    hub.call('select', service, 'select.test', data);
    expect(hub.take()).toEqual([`s/set ${option}`]);
  });

  it('renders command_template with the option as value', () => {
    const hub = withSelect({ command_topic: 's/set', command_template: '{"mode": "{{ value }}"}' });
    hub.call('select', 'select_option', 'select.test', { option: 'b' });
    expect(hub.take()).toEqual(['s/set {"mode": "b"}']);
  });

  it('is optimistic without a state topic', async () => {
    const hub = withSelect({ command_topic: 's/set' });
    const context = await hub.call('select', 'select_option', 'select.test', { option: 'c' }).done;
    expect(hub.states.get('select.test')).toMatchObject({ state: 'c', context });
  });

  it('answers device_timeout when the device never reports the option', async () => {
    const hub = withPowerOn();
    const call = hub.call('select', 'select_option', POWER_ON, { option: 'on' });
    hub.clock.advance(COMMAND_TIMEOUT_MS);
    await expect(call.done).rejects.toMatchObject({ code: 'device_timeout' });
  });

  it.each([
    [
      'select_option',
      { option: 'sometimes' },
      'service_data.option: must be one of off, on, toggle, previous, got "sometimes"',
    ],
    ['select_option', {}, 'service_data.option'],
    ['select_option', { option: 3 }, 'service_data.option: must be a string'],
    ['select_next', { cycle: 'yes' }, 'service_data.cycle: must be a boolean'],
  ])('%s %j is a service_validation_error naming the field', async (service, data, message) => {
    const hub = withPowerOn();
    await expect(hub.call('select', service, POWER_ON, data).done).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(hub.take()).toEqual([]);
  });
});
