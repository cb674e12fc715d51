import { describe, expect, it } from 'vitest';
import { pythonNumberText } from '../../../../hub/discovery/components/python-number.ts';
import type { Harness } from './component-harness.ts';
import { COMMAND_TIMEOUT_MS, startHarness } from './component-harness.ts';

// Zigbee2MQTT 2.x's discovery of a radiator valve's calibration (numeric expose with set access).
const Z2M_STATE = 'zigbee2mqtt/Radiator';
const z2mCalibration = {
  availability: [{ topic: 'zigbee2mqtt/bridge/state', value_template: '{{ value_json.state }}' }],
  command_topic: `${Z2M_STATE}/set/local_temperature_calibration`,
  device: { identifiers: ['zigbee2mqtt_0x0017882104a44559'], manufacturer: 'Tuya', name: 'Radiator' },
  device_class: 'temperature',
  entity_category: 'config',
  icon: 'mdi:math-compass',
  max: 12.8,
  min: -12.8,
  name: 'Local temperature calibration',
  object_id: 'radiator_local_temperature_calibration',
  state_topic: Z2M_STATE,
  step: 0.1,
  unique_id: '0x0017882104a44559_local_temperature_calibration_zigbee2mqtt',
  unit_of_measurement: '°C',
  value_template: '{{ value_json.local_temperature_calibration }}',
};
const CALIBRATION = 'number.radiator_local_temperature_calibration';

// ESPHome's MQTT discovery of a template number, abbreviated.
const espHomeNumber = {
  name: 'Fan Speed',
  stat_t: 'esp-fan/number/fan_speed/state',
  cmd_t: 'esp-fan/number/fan_speed/command',
  min: 0,
  max: 100,
  step: 1,
  mode: 'slider',
  unit_of_meas: '%',
  avty_t: 'esp-fan/status',
  uniq_id: 'ESPnumberfan_speed',
  dev: { ids: ['a4cf12b3c4d6'], name: 'esp-fan', sw: 'esphome v2024.11.0', mf: 'espressif' },
};
const FAN_SPEED = 'number.esp_fan_fan_speed';

function withCalibration(value = 0): Harness {
  const hub = startHarness();
  hub.mqtt.deliver(
    'homeassistant/number/0x0017882104a44559/local_temperature_calibration/config',
    z2mCalibration,
  );
  hub.mqtt.deliver('zigbee2mqtt/bridge/state', { state: 'online' });
  hub.mqtt.deliver(Z2M_STATE, { local_temperature_calibration: value });
  hub.take();
  return hub;
}

function withNumber(config: object, ...reports: [string, string | object][]): Harness {
  const hub = startHarness();
  hub.mqtt.deliver('homeassistant/number/test/config', { name: 'Test', ...config });
  for (const [topic, payload] of reports) hub.mqtt.deliver(topic, payload);
  hub.take();
  return hub;
}

describe('MQTT number: discovery', () => {
  it('builds a Zigbee2MQTT calibration: negative range, float step, unit and device class', () => {
    const hub = withCalibration(-1.5);
    expect(hub.states.get(CALIBRATION)).toMatchObject({
      state: '-1.5',
      attributes: {
        min: -12.8,
        max: 12.8,
        step: 0.1,
        mode: 'auto',
        unit_of_measurement: '°C',
        device_class: 'temperature',
        friendly_name: 'Radiator Local temperature calibration',
      },
    });
  });

  it('builds an ESPHome number from abbreviated keys', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/number/esp-fan/fan_speed/config', espHomeNumber);
    hub.mqtt.deliver('esp-fan/status', 'online');
    hub.mqtt.deliver('esp-fan/number/fan_speed/state', '42');
    expect(hub.states.get(FAN_SPEED)).toMatchObject({
      state: '42',
      attributes: { min: 0, max: 100, step: 1, mode: 'slider', unit_of_measurement: '%' },
    });
  });

  it('takes Home Assistant defaults: 1..100, step 1, auto', () => {
    const hub = withNumber({ command_topic: 'n/set' });
    expect(hub.states.get('number.test')).toMatchObject({
      state: 'unknown',
      attributes: { min: 1, max: 100, step: 1, mode: 'auto' },
    });
  });

  it.each([
    // HA: int(payload) when it is all digits, else float(payload); the state is str() of that.
    ['21', '21'],
    ['21.0', '21.0'],
    ['21.50', '21.5'],
    ['1e3', '1000.0'],
    ['0.00001', '1e-05'],
    [' 7 ', '7.0'],
    ['None', 'unknown'],
  ])('reads the payload %j as the state %j', (payload, state) => {
    const hub = withNumber({ command_topic: 'n/set', state_topic: 'n', min: 0, max: 2000 }, ['n', payload]);
    expect(hub.states.get('number.test')?.state).toBe(state);
  });

  it('keeps its value on an empty, a non-numeric or an out-of-range payload, logging the last two', () => {
    const hub = withNumber({ command_topic: 'n/set', state_topic: 'n' }, ['n', '50']);
    for (const payload of ['', 'abc', '150', 'nan']) hub.mqtt.deliver('n', payload);
    expect(hub.states.get('number.test')?.state).toBe('50');
    expect(hub.warnings).toEqual([
      'number.test: n: payload "abc" is not a number',
      'number.test: n: value 150 is out of range 1..100',
      'number.test: n: payload "nan" is not a number',
    ]);
  });

  it.each([
    ['max not above min', { min: 10, max: 10 }, "config.max: must be > 'min'"],
    ['a step below 0.001', { step: 0 }, 'config.step: must be at least 0.001'],
    ['an unknown mode', { mode: 'dial' }, 'config.mode'],
    ['no command topic', { command_topic: undefined }, 'config.command_topic'],
  ])('refuses a config with %s', (_name, config, message) => {
    const hub = withNumber({ command_topic: 'n/set', ...config });
    expect(hub.states.get('number.test')).toBeUndefined();
    expect(hub.warnings).toEqual([expect.stringContaining(message)]);
  });
});

describe('MQTT number: set_value', () => {
  it.each([
    [0.5, `${Z2M_STATE}/set/local_temperature_calibration 0.5`],
    [-2, `${Z2M_STATE}/set/local_temperature_calibration -2`],
    [3.0, `${Z2M_STATE}/set/local_temperature_calibration 3`],
    ['1.2', `${Z2M_STATE}/set/local_temperature_calibration 1.2`],
  ])('publishes %j as Home Assistant does: a whole value as an int', (value, line) => {
    const hub = withCalibration();
    hub.call('number', 'set_value', CALIBRATION, { value });
    expect(hub.take()).toEqual([line]);
  });

  it('renders command_template with value, entity_id and name', () => {
    const hub = withNumber({
      command_topic: 'n/set',
      command_template: '{"v": {{ value }}, "id": "{{ entity_id }}", "name": "{{ name }}"}',
    });
    hub.call('number', 'set_value', 'number.test', { value: 42 });
    expect(hub.take()).toEqual(['n/set {"v": 42, "id": "number.test", "name": "Test"}']);
  });

  it('resolves only when the device reports the value, with the call context', async () => {
    const hub = withCalibration(0);
    const call = hub.call('number', 'set_value', CALIBRATION, { value: 0.3 });
    hub.mqtt.deliver(Z2M_STATE, { local_temperature_calibration: 0.2 });
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver(Z2M_STATE, { local_temperature_calibration: 0.3 });
    const context = await call.done;
    expect(hub.states.get(CALIBRATION)).toMatchObject({ state: '0.3', context });
  });

  it('answers device_timeout when the device never reports the value', async () => {
    const hub = withCalibration(0);
    const call = hub.call('number', 'set_value', CALIBRATION, { value: 1 });
    hub.clock.advance(COMMAND_TIMEOUT_MS);
    await expect(call.done).rejects.toMatchObject({ code: 'device_timeout' });
  });

  it('is optimistic without a state topic: the value is the state at once, with the call context', async () => {
    const hub = withNumber({ command_topic: 'n/set', step: 0.5 });
    const context = await hub.call('number', 'set_value', 'number.test', { value: 7.5 }).done;
    expect(hub.states.get('number.test')).toMatchObject({ state: '7.5', context });
    await hub.call('number', 'set_value', 'number.test', { value: 8 }).done;
    expect(hub.states.get('number.test')?.state).toBe('8');
    expect(hub.take()).toEqual(['n/set 7.5', 'n/set 8']);
  });

  it.each([
    [{ value: 13 }, 'service_data.value: must be -12.8..12.8, got 13'],
    [{ value: 0.25 }, 'service_data.value: must be a multiple of 0.1 from -12.8, got 0.25'],
    [{ value: 'warm' }, 'service_data.value: must be a number, got "warm"'],
    [{}, 'service_data.value'],
    [{ value: 1, unit: 'C' }, 'unit'],
  ])(
    'refuses %j with a service_validation_error naming the field, sending nothing',
    async (data, message) => {
      const hub = withCalibration();
      await expect(hub.call('number', 'set_value', CALIBRATION, data).done).rejects.toMatchObject({
        code: 'service_validation_error',
        message: expect.stringContaining(message),
      });
      expect(hub.take()).toEqual([]);
    },
  );
});

describe("Python's str() of a number, as the state and the published value", () => {
  it.each([
    [21, false, '21'],
    [21, true, '21.0'],
    [-0.5, true, '-0.5'],
    [0.1 + 0.2, true, '0.30000000000000004'],
    [1e-5, true, '1e-05'],
    [0.0001, true, '0.0001'],
    [1e16, true, '1e+16'],
    [123456789012345.6, true, '123456789012345.6'],
    [1.5e-7, true, '1.5e-07'],
    [-0, true, '-0.0'],
    [2 ** 60, false, '1152921504606846976'],
  ])('%d (float: %s) prints as %s', (value, isFloat, text) => {
    expect(pythonNumberText(value, isFloat)).toBe(text);
  });
});
