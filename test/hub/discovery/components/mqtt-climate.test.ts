import { describe, expect, it } from 'vitest';
import { startHarness } from './component-harness.ts';

// Zigbee2MQTT's discovery of a Tuya radiator valve, as its homeassistant extension test has it.
const z2mTrv = {
  action_template:
    "{% set values = {None:None,'idle':'idle','heat':'heating','cool':'cooling','fan_only':'fan'} %}{{ values[value_json.running_state] }}",
  action_topic: 'zigbee2mqtt/TS0601_thermostat',
  availability: [{ topic: 'zigbee2mqtt/bridge/state' }],
  current_temperature_template: '{{ value_json.local_temperature }}',
  current_temperature_topic: 'zigbee2mqtt/TS0601_thermostat',
  device: {
    identifiers: ['zigbee2mqtt_0x0017882104a44559'],
    manufacturer: 'Tuya',
    model: 'Radiator valve with thermostat (TS0601_thermostat)',
    name: 'TS0601_thermostat',
    sw_version: null,
    via_device: 'zigbee2mqtt_bridge_0x00124b00120144ae',
  },
  preset_mode_command_topic: 'zigbee2mqtt/TS0601_thermostat/set/preset',
  preset_modes: ['schedule', 'manual', 'boost', 'complex', 'comfort', 'eco', 'away'],
  preset_mode_value_template: '{{ value_json.preset }}',
  preset_mode_state_topic: 'zigbee2mqtt/TS0601_thermostat',
  json_attributes_topic: 'zigbee2mqtt/TS0601_thermostat',
  max_temp: '35',
  min_temp: '5',
  mode_command_topic: 'zigbee2mqtt/TS0601_thermostat/set/system_mode',
  mode_state_template: '{{ value_json.system_mode }}',
  mode_state_topic: 'zigbee2mqtt/TS0601_thermostat',
  modes: ['heat', 'auto', 'off'],
  name: null,
  temp_step: 0.5,
  temperature_command_topic: 'zigbee2mqtt/TS0601_thermostat/set/current_heating_setpoint',
  temperature_state_template: '{{ value_json.current_heating_setpoint }}',
  temperature_state_topic: 'zigbee2mqtt/TS0601_thermostat',
  temperature_unit: 'C',
  object_id: 'ts0601_thermostat',
  unique_id: '0x0017882104a44559_climate_zigbee2mqtt',
};
const TRV = 'climate.ts0601_thermostat';
const TRV_STATE = 'zigbee2mqtt/TS0601_thermostat';

// Zigbee2MQTT's Bosch BTH-RA, whose mode templates map its operating_mode.
const z2mBosch = {
  availability: [{ topic: 'zigbee2mqtt/bridge/state' }],
  current_temperature_template: '{{ value_json.local_temperature }}',
  current_temperature_topic: 'zigbee2mqtt/bosch_radiator',
  device: { identifiers: ['zigbee2mqtt_0x18fc2600000d7ae2'], name: 'bosch_radiator' },
  max_temp: '30',
  min_temp: '5',
  mode_command_template: `{% set values = { 'auto':'schedule','heat':'manual','off':'pause'} %}{"operating_mode": "{{ values[value] if value in values.keys() else 'pause' }}"}`,
  mode_command_topic: 'zigbee2mqtt/bosch_radiator/set',
  mode_state_template:
    "{% set values = {'schedule':'auto','manual':'heat','pause':'off'} %}{% set value = value_json.operating_mode %}{{ values[value] if value in values.keys() else 'off' }}",
  mode_state_topic: 'zigbee2mqtt/bosch_radiator',
  modes: ['off', 'heat', 'auto'],
  name: null,
  object_id: 'bosch_radiator',
  temp_step: 0.5,
  temperature_command_topic: 'zigbee2mqtt/bosch_radiator/set/occupied_heating_setpoint',
  temperature_state_template: '{{ value_json.occupied_heating_setpoint }}',
  temperature_state_topic: 'zigbee2mqtt/bosch_radiator',
  temperature_unit: 'C',
  unique_id: '0x18fc2600000d7ae2_climate_zigbee2mqtt',
};

// ESPHome's MQTT discovery of a heat pump: abbreviated keys, one topic per attribute, a range.
const espHomeHeatPump = {
  name: 'Heat Pump',
  uniq_id: 'ESPclimateheat_pump',
  avty_t: 'heatpump/status',
  mode_cmd_t: 'heatpump/climate/heat_pump/mode/command',
  mode_stat_t: 'heatpump/climate/heat_pump/mode/state',
  modes: ['off', 'heat_cool', 'cool', 'heat', 'fan_only', 'dry'],
  curr_temp_t: 'heatpump/climate/heat_pump/current_temperature/state',
  temp_lo_cmd_t: 'heatpump/climate/heat_pump/target_temperature_low/command',
  temp_lo_stat_t: 'heatpump/climate/heat_pump/target_temperature_low/state',
  temp_hi_cmd_t: 'heatpump/climate/heat_pump/target_temperature_high/command',
  temp_hi_stat_t: 'heatpump/climate/heat_pump/target_temperature_high/state',
  min_temp: 16,
  max_temp: 30,
  temp_step: 0.5,
  precision: 0.5,
  act_t: 'heatpump/climate/heat_pump/action/state',
  fan_mode_cmd_t: 'heatpump/climate/heat_pump/fan_mode/command',
  fan_mode_stat_t: 'heatpump/climate/heat_pump/fan_mode/state',
  fan_modes: ['auto', 'low', 'medium', 'high'],
  swing_mode_cmd_t: 'heatpump/climate/heat_pump/swing_mode/command',
  swing_mode_stat_t: 'heatpump/climate/heat_pump/swing_mode/state',
  swing_modes: ['off', 'vertical'],
  dev: { ids: '98f4ab0e2a11', name: 'heatpump', sw: 'esphome v2025.6.0', mdl: 'esp32dev', mf: 'espressif' },
};
const HEAT_PUMP = 'climate.heatpump_heat_pump';
const hp = (leaf: string) => `heatpump/climate/heat_pump/${leaf}`;

// Tasmota's IRHVAC, configured by hand: command topics only, so every property is optimistic.
const tasmotaIrHvac = {
  name: 'Bedroom AC',
  unique_id: 'bedroom_ac_ir',
  mode_command_topic: 'cmnd/ir_bridge/IRHVAC',
  mode_command_template:
    '{"Vendor":"MITSUBISHI_AC","Power":"{{ \'Off\' if value == \'off\' else \'On\' }}","Mode":"{{ value }}"}',
  temperature_command_topic: 'cmnd/ir_bridge/IRHVAC',
  temperature_command_template: '{"Vendor":"MITSUBISHI_AC","Temp":{{ value }}}',
  power_command_topic: 'cmnd/ir_bridge/POWER',
  fan_mode_command_topic: 'cmnd/ir_bridge/FanSpeed',
  modes: ['off', 'cool', 'heat', 'dry', 'fan_only'],
  min_temp: 16,
  max_temp: 31,
};
const IR_AC = 'climate.bedroom_ac';

function withTrv() {
  const hub = startHarness();
  hub.mqtt.deliver('homeassistant/climate/0x0017882104a44559/climate/config', z2mTrv);
  hub.mqtt.deliver('zigbee2mqtt/bridge/state', 'online');
  hub.mqtt.deliver(TRV_STATE, {
    system_mode: 'heat',
    current_heating_setpoint: 21.5,
    local_temperature: 19.3,
    running_state: 'heat',
    preset: 'manual',
  });
  hub.take();
  return hub;
}

describe('MQTT climate: discovery', () => {
  it('builds a Zigbee2MQTT radiator valve: mode state, setpoint, action through {% set %}, presets', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/0x0017882104a44559/climate/config', z2mTrv);
    expect(hub.states.get(TRV)?.state).toBe('unavailable');
    expect(hub.states.get(TRV)?.attributes).toMatchObject({
      hvac_modes: ['heat', 'auto', 'off'],
      min_temp: 5,
    });
    hub.mqtt.deliver('zigbee2mqtt/bridge/state', 'online');
    expect(hub.states.get(TRV)?.state).toBe('unknown');
    hub.mqtt.deliver(TRV_STATE, {
      system_mode: 'heat',
      current_heating_setpoint: 21.5,
      local_temperature: 19.3,
      running_state: 'heat',
      preset: 'manual',
    });
    expect(hub.states.get(TRV)).toMatchObject({
      state: 'heat',
      attributes: {
        friendly_name: 'TS0601_thermostat',
        hvac_modes: ['heat', 'auto', 'off'],
        min_temp: 5,
        max_temp: 35,
        target_temp_step: 0.5,
        current_temperature: 19.3,
        temperature: 21.5,
        hvac_action: 'heating',
        preset_mode: 'manual',
        preset_modes: ['none', 'schedule', 'manual', 'boost', 'complex', 'comfort', 'eco', 'away'],
        // TARGET_TEMPERATURE | PRESET_MODE | TURN_OFF | TURN_ON
        supported_features: 1 + 16 + 128 + 256,
      },
    });
    expect(hub.states.get(TRV)?.attributes).not.toHaveProperty('fan_mode');
    hub.mqtt.deliver(TRV_STATE, { system_mode: 'heat', running_state: null, local_temperature: 19.5 });
    expect(hub.states.get(TRV)?.attributes).not.toHaveProperty('hvac_action');
    expect(hub.warnings).toEqual([]);
  });

  it('maps the Bosch BTH-RA operating_mode through its mode_state_template', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/0x18fc2600000d7ae2/climate/config', z2mBosch);
    hub.mqtt.deliver('zigbee2mqtt/bridge/state', 'online');
    hub.mqtt.deliver('zigbee2mqtt/bosch_radiator', {
      operating_mode: 'schedule',
      occupied_heating_setpoint: 20,
    });
    expect(hub.states.get('climate.bosch_radiator')).toMatchObject({
      state: 'auto',
      attributes: { temperature: 20 },
    });
    hub.mqtt.deliver('zigbee2mqtt/bosch_radiator', { operating_mode: 'pause' });
    expect(hub.states.get('climate.bosch_radiator')?.state).toBe('off');
  });

  it('builds an ESPHome heat pump from abbreviated keys, one topic per attribute, with a target range', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/heatpump/heat_pump/config', espHomeHeatPump);
    hub.mqtt.deliver('heatpump/status', 'online');
    hub.mqtt.deliver(hp('mode/state'), 'heat_cool');
    hub.mqtt.deliver(hp('current_temperature/state'), '22.26');
    hub.mqtt.deliver(hp('target_temperature_low/state'), '20.000000');
    hub.mqtt.deliver(hp('target_temperature_high/state'), '24.5');
    hub.mqtt.deliver(hp('action/state'), 'idle');
    hub.mqtt.deliver(hp('fan_mode/state'), 'auto');
    hub.mqtt.deliver(hp('swing_mode/state'), 'vertical');
    expect(hub.states.get(HEAT_PUMP)).toMatchObject({
      state: 'heat_cool',
      attributes: {
        friendly_name: 'heatpump Heat Pump',
        current_temperature: 22.5, // precision 0.5: rounded to halves
        target_temp_low: 20,
        target_temp_high: 24.5,
        hvac_action: 'idle',
        fan_mode: 'auto',
        fan_modes: ['auto', 'low', 'medium', 'high'],
        swing_mode: 'vertical',
        swing_modes: ['off', 'vertical'],
        // TARGET_TEMPERATURE_RANGE | FAN_MODE | SWING_MODE | TURN_OFF | TURN_ON
        supported_features: 2 + 8 + 32 + 128 + 256,
      },
    });
    hub.mqtt.deliver(hp('action/state'), 'defrost');
    expect(hub.states.get(HEAT_PUMP)?.attributes.hvac_action).toBe('idle');
    expect(hub.warnings).toEqual([
      `${HEAT_PUMP}: ${hp('action/state')}: action "defrost" is not an HVAC action`,
    ]);
  });

  it('starts a command-only device at Home Assistant optimistic defaults: off, 21 °C, fan low', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/ir/bedroom/config', tasmotaIrHvac);
    expect(hub.states.get(IR_AC)).toMatchObject({
      state: 'off',
      attributes: { temperature: 21, fan_mode: 'low', current_temperature: null, min_temp: 16, max_temp: 31 },
    });
  });

  it('shows a Fahrenheit device in °C, with defaults converted: min 7, max 35', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/us/config', {
      name: 'US Thermostat',
      temperature_unit: 'F',
      temperature_state_topic: 'us/setpoint',
      temperature_command_topic: 'us/setpoint/set',
      current_temperature_topic: 'us/temperature',
    });
    hub.mqtt.deliver('us/setpoint', '70');
    hub.mqtt.deliver('us/temperature', '68.5');
    expect(hub.states.get('climate.us_thermostat')?.attributes).toMatchObject({
      min_temp: 7,
      max_temp: 35,
      temperature: 21.1,
      current_temperature: 20.3,
    });
  });

  it('uses value_template for every state topic that has no template of its own', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/vt/config', {
      name: 'VT',
      mode_state_topic: 'vt/state',
      current_temperature_topic: 'vt/state',
      current_temperature_template: '{{ value_json.room }}',
      value_template: '{{ value_json.mode }}',
      mode_command_topic: 'vt/set',
    });
    hub.mqtt.deliver('vt/state', { mode: 'cool', room: 24 });
    expect(hub.states.get('climate.vt')).toMatchObject({
      state: 'cool',
      attributes: { current_temperature: 24 },
    });
  });

  it.each([
    [{ system_mode: 'sleep' }, 'is not one of heat, auto, off'],
    [{ current_heating_setpoint: 'warm' }, 'target temperature "warm" is not a number'],
    [{ preset: 'turbo' }, 'preset "turbo" is not one of none, schedule'],
  ])('logs a bad report %j against the entity and keeps its last state', (report, warning) => {
    const hub = withTrv();
    const climate = () => {
      const { state, attributes } = hub.states.get(TRV) ?? {};
      return [state, attributes?.temperature, attributes?.hvac_action, attributes?.preset_mode];
    };
    const before = climate();
    hub.mqtt.deliver(TRV_STATE, report);
    expect(climate()).toEqual(before);
    expect(hub.warnings).toEqual([expect.stringContaining(warning)]);
    expect(hub.warnings[0]).toContain(`${TRV}: ${TRV_STATE}:`);
  });

  it('logs a template that fails to render, and still reads the other properties of the message', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/bad/config', {
      name: 'Bad',
      mode_state_topic: 'bad/state',
      mode_state_template: '{{ value_json.mode }}',
      current_temperature_topic: 'bad/state',
      current_temperature_template: '{{ value_json.t / 0 }}',
    });
    hub.mqtt.deliver('bad/state', { mode: 'heat', t: 20 });
    expect(hub.states.get('climate.bad')?.state).toBe('heat');
    expect(hub.warnings).toEqual([expect.stringContaining('climate.bad: bad/state:')]);
  });

  it.each([
    [{ name: 'X', modes: ['heat', 'sleep'] }, 'config.modes.1'],
    [
      { name: 'X', preset_mode_command_topic: 'x/p', preset_modes: ['none', 'eco'] },
      "must not include preset mode 'none'",
    ],
    [
      { name: 'X', preset_mode_command_topic: 'x/p' },
      'preset_mode_command_topic and preset_modes go together',
    ],
    [
      { name: 'X', target_humidity_state_topic: 'x/h' },
      'cannot be used without target_humidity_command_topic',
    ],
    [{ name: 'X', temperature_unit: 'K' }, 'config.temperature_unit'],
    [{ name: 'X', mode_state_topic: 'x', mode_state_template: '{{ value_json.mode' }, 'mode_state_template:'],
  ])('refuses the config %j as Home Assistant does', (config, warning) => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/x/config', config);
    expect(hub.states.get('climate.x')).toBeUndefined();
    expect(hub.warnings).toEqual([expect.stringContaining(warning)]);
  });
});

describe('MQTT climate: services publish what Home Assistant publishes', () => {
  it('sends the setpoint as a Python float and resolves only when the valve reports it', async () => {
    const hub = withTrv();
    const call = hub.call('climate', 'set_temperature', TRV, { temperature: 22 });
    expect(hub.take()).toEqual(['zigbee2mqtt/TS0601_thermostat/set/current_heating_setpoint 22.0']);
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver(TRV_STATE, { current_heating_setpoint: 21.5 });
    expect(await call.settled()).toBe('pending');
    // Within half a step (0.25) of what was asked: confirmed, and the report carries the call's context.
    hub.mqtt.deliver(TRV_STATE, { current_heating_setpoint: 21.8 });
    const context = await call.done;
    expect(hub.states.get(TRV)).toMatchObject({ attributes: { temperature: 21.8 }, context });
  });

  it.each([
    [
      'set_hvac_mode',
      { hvac_mode: 'off' },
      'zigbee2mqtt/TS0601_thermostat/set/system_mode off',
      { system_mode: 'off' },
    ],
    [
      'set_preset_mode',
      { preset_mode: 'boost' },
      'zigbee2mqtt/TS0601_thermostat/set/preset boost',
      { preset: 'boost' },
    ],
    [
      'set_preset_mode',
      { preset_mode: 'none' },
      'zigbee2mqtt/TS0601_thermostat/set/preset none',
      { preset: 'none' },
    ],
    ['turn_off', {}, 'zigbee2mqtt/TS0601_thermostat/set/system_mode off', { system_mode: 'off' }],
    ['turn_on', {}, 'zigbee2mqtt/TS0601_thermostat/set/system_mode heat', { system_mode: 'heat' }],
  ])('%s %j publishes "%s" and waits for the report', async (service, data, line, report) => {
    const hub = withTrv();
    if (service === 'turn_on') hub.mqtt.deliver(TRV_STATE, { system_mode: 'off' });
    const call = hub.call('climate', service, TRV, data);
    expect(hub.take()).toEqual([line]);
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver(TRV_STATE, report);
    expect(await call.settled()).toBe('resolved');
  });

  it('toggles on the HVAC mode: off turns on, anything else turns off', async () => {
    const hub = withTrv();
    const off = hub.call('climate', 'toggle', TRV);
    hub.mqtt.deliver(TRV_STATE, { system_mode: 'off' });
    await off.done;
    const on = hub.call('climate', 'toggle', TRV);
    hub.mqtt.deliver(TRV_STATE, { system_mode: 'heat' });
    await on.done;
    expect(hub.take()).toEqual([
      'zigbee2mqtt/TS0601_thermostat/set/system_mode off',
      'zigbee2mqtt/TS0601_thermostat/set/system_mode heat',
    ]);
  });

  it('renders the Bosch mode_command_template with {% set %} and a dict lookup', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/0x18fc2600000d7ae2/climate/config', z2mBosch);
    hub.mqtt.deliver('zigbee2mqtt/bridge/state', 'online');
    hub.take();
    const call = hub.call('climate', 'set_hvac_mode', 'climate.bosch_radiator', { hvac_mode: 'heat' });
    expect(hub.take()).toEqual(['zigbee2mqtt/bosch_radiator/set {"operating_mode": "manual"}']);
    hub.mqtt.deliver('zigbee2mqtt/bosch_radiator', { operating_mode: 'manual' });
    expect(await call.settled()).toBe('resolved');
  });

  it('sets a range and a mode on an ESPHome heat pump: three topics, confirmed by three reports', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/heatpump/heat_pump/config', espHomeHeatPump);
    hub.mqtt.deliver('heatpump/status', 'online');
    const call = hub.call('climate', 'set_temperature', HEAT_PUMP, {
      target_temp_low: 19,
      target_temp_high: 25.5,
      hvac_mode: 'heat_cool',
    });
    expect(hub.take()).toEqual([
      `${hp('mode/command')} heat_cool`,
      `${hp('target_temperature_low/command')} 19.0`,
      `${hp('target_temperature_high/command')} 25.5`,
    ]);
    hub.mqtt.deliver(hp('mode/state'), 'heat_cool');
    hub.mqtt.deliver(hp('target_temperature_low/state'), '19.000000');
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver(hp('target_temperature_high/state'), '25.500000');
    expect(await call.settled()).toBe('resolved');
  });

  it.each([
    ['set_fan_mode', { fan_mode: 'high' }, `${hp('fan_mode/command')} high`],
    ['set_swing_mode', { swing_mode: 'vertical' }, `${hp('swing_mode/command')} vertical`],
  ])('%s publishes the mode as it is', async (service, data, line) => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/heatpump/heat_pump/config', espHomeHeatPump);
    hub.mqtt.deliver('heatpump/status', 'online');
    hub.take();
    const call = hub.call('climate', service, HEAT_PUMP, data);
    expect(hub.take()).toEqual([line]);
    hub.clock.advance(5000);
    await expect(call.done).rejects.toMatchObject({ code: 'device_timeout' });
  });

  it('is optimistic for properties without a state topic: confirmed at once, with the call context', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/ir/bedroom/config', tasmotaIrHvac);
    // 24.5: the shared evaluator has no float type, so `{{ value }}` of 24 renders "24" where Home Assistant has "24.0".
    const context = await hub.call('climate', 'set_temperature', IR_AC, {
      temperature: 24.5,
      hvac_mode: 'cool',
    }).done;
    expect(hub.take()).toEqual([
      'cmnd/ir_bridge/IRHVAC {"Vendor":"MITSUBISHI_AC","Power":"On","Mode":"cool"}',
      'cmnd/ir_bridge/IRHVAC {"Vendor":"MITSUBISHI_AC","Temp":24.5}',
    ]);
    expect(hub.states.get(IR_AC)).toMatchObject({
      state: 'cool',
      attributes: { temperature: 24.5 },
      context,
    });
  });

  it('parks the inactive setpoints of a heat_cool device and restores them on a mode change', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/dual/config', {
      name: 'Dual',
      modes: ['off', 'heat', 'cool', 'heat_cool'],
      mode_command_topic: 'dual/mode/set',
      temperature_command_topic: 'dual/t/set',
      temperature_low_command_topic: 'dual/lo/set',
      temperature_high_command_topic: 'dual/hi/set',
    });
    const setpoints = () => {
      const { temperature, target_temp_low, target_temp_high } =
        hub.states.get('climate.dual')?.attributes ?? {};
      return [temperature, target_temp_low, target_temp_high];
    };
    expect(setpoints()).toEqual([21, 21, 21]);
    await hub.call('climate', 'set_temperature', 'climate.dual', { temperature: 22, hvac_mode: 'heat' }).done;
    expect(setpoints()).toEqual([22, null, null]);
    await hub.call('climate', 'set_hvac_mode', 'climate.dual', { hvac_mode: 'heat_cool' }).done;
    expect(setpoints()).toEqual([null, 21, 21]);
    await hub.call('climate', 'set_temperature', 'climate.dual', {
      target_temp_low: 19,
      target_temp_high: 25,
    }).done;
    await hub.call('climate', 'set_hvac_mode', 'climate.dual', { hvac_mode: 'cool' }).done;
    expect(setpoints()).toEqual([22, null, null]);
    await hub.call('climate', 'set_hvac_mode', 'climate.dual', { hvac_mode: 'heat_cool' }).done;
    expect(setpoints()).toEqual([null, 19, 25]);
  });

  it('turns on and off through power_command_topic, with payload_on/payload_off, at once', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/ir/bedroom/config', tasmotaIrHvac);
    await hub.call('climate', 'turn_on', IR_AC).done;
    await hub.call('climate', 'turn_off', IR_AC).done;
    expect(hub.take()).toEqual(['cmnd/ir_bridge/POWER ON', 'cmnd/ir_bridge/POWER OFF']);
  });

  it('waits on the confirmed property while applying the optimistic one at once', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/mixed/config', {
      name: 'Mixed',
      mode_command_topic: 'mixed/mode/set',
      temperature_command_topic: 'mixed/temp/set',
      temperature_state_topic: 'mixed/temp',
    });
    const call = hub.call('climate', 'set_temperature', 'climate.mixed', {
      temperature: 23,
      hvac_mode: 'heat',
    });
    expect(await call.settled()).toBe('pending');
    expect(hub.states.get('climate.mixed')?.state).toBe('heat');
    hub.mqtt.deliver('mixed/temp', '23');
    expect(await call.settled()).toBe('resolved');
  });

  it('converts °C to a Fahrenheit device exactly as Home Assistant does', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/us/config', {
      name: 'US',
      temperature_unit: 'F',
      temperature_state_topic: 'us/setpoint',
      temperature_command_topic: 'us/setpoint/set',
    });
    const call = hub.call('climate', 'set_temperature', 'climate.us', { temperature: 21 });
    expect(hub.take()).toEqual(['us/setpoint/set 69.80000000000001']);
    hub.mqtt.deliver('us/setpoint', '70');
    expect(await call.settled()).toBe('resolved');
  });

  it('sends set_humidity as an integer and the templates get value, entity_id and name', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/h/config', {
      name: 'Humid',
      target_humidity_command_topic: 'h/set',
      target_humidity_command_template: '{"{{ entity_id }}": {{ value }}, "name": "{{ name }}"}',
    });
    await hub.call('climate', 'set_humidity', 'climate.humid', { humidity: 45.7 }).done;
    expect(hub.take()).toEqual(['h/set {"climate.humid": 45, "name": "Humid"}']);
    expect(hub.states.get('climate.humid')?.attributes).toMatchObject({ humidity: 45, min_humidity: 30 });
  });

  it('fails a command whose template fails to render, publishing nothing and waiting on nothing', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/t/config', {
      name: 'T',
      mode_command_topic: 't/mode/set',
      mode_command_template: '{{ value / 0 }}',
      mode_state_topic: 't/mode',
    });
    await expect(
      hub.call('climate', 'set_hvac_mode', 'climate.t', { hvac_mode: 'heat' }).done,
    ).rejects.toMatchObject({
      code: 'home_assistant_error',
      message: expect.stringContaining('climate.t: mode_command_template:'),
    });
    expect(hub.take()).toEqual([]);
    expect(hub.confirmations.hasPending('climate.t')).toBe(false);
  });

  it('answers device_timeout when the valve never reports', async () => {
    const hub = withTrv();
    const call = hub.call('climate', 'set_hvac_mode', TRV, { hvac_mode: 'auto' });
    hub.clock.advance(4999);
    expect(await call.settled()).toBe('pending');
    hub.clock.advance(1);
    await expect(call.done).rejects.toMatchObject({ code: 'device_timeout' });
  });

  it.each([
    [
      'set_hvac_mode',
      { hvac_mode: 'cool' },
      'service_data.hvac_mode: must be one of heat, auto, off, got "cool"',
    ],
    ['set_hvac_mode', { hvac_mode: 'sleep' }, 'service_data.hvac_mode'],
    ['set_temperature', { temperature: 40 }, 'service_data.temperature: must be 5..35, got 40'],
    ['set_temperature', { temperature: 20, hvac_mode: 'dry' }, 'service_data.hvac_mode: must be one of'],
    ['set_temperature', { target_temp_low: 18, target_temp_high: 22 }, 'service_data.target_temp_low'],
    ['set_preset_mode', { preset_mode: 'turbo' }, 'service_data.preset_mode: must be one of none, schedule'],
    [
      'set_fan_mode',
      { fan_mode: 'low' },
      'service_data.fan_mode: climate.ts0601_thermostat does not support',
    ],
    ['set_humidity', { humidity: 40 }, 'service_data.humidity'],
  ])('refuses %s %j with service_validation_error, publishing nothing', async (service, data, message) => {
    const hub = withTrv();
    await expect(hub.call('climate', service, TRV, data).done).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(hub.take()).toEqual([]);
  });

  it('refuses a property the device reports but has no command topic for', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/climate/ro/config', { name: 'RO', temperature_state_topic: 'ro/t' });
    await expect(
      hub.call('climate', 'set_temperature', 'climate.ro', { temperature: 20 }).done,
    ).rejects.toMatchObject({
      code: 'service_validation_error',
      message: 'service_data.temperature: climate.ro has no temperature_command_topic',
    });
  });
});
