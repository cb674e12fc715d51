import { describe, expect, it } from 'vitest';
import { startHarness } from './component-harness.ts';

/** Discovery, states and services on a fake broker: config in, light service call, MQTT out, report in. */
function setup() {
  const harness = startHarness();
  const call = (service: string, entityId: string, serviceData: Record<string, unknown> = {}) =>
    harness.call('light', service, entityId, serviceData).done;
  /** What was published since the last look, as `topic payload` lines, discovery aside. */
  const sent = () => harness.take().filter((line) => !line.startsWith('homeassistant/'));
  return { ...harness, call, sent };
}

/** A colour bulb as Zigbee2MQTT 1.x announces it. */
const Z2M_BULB = {
  availability: [{ topic: 'zigbee2mqtt/bridge/state', value_template: '{{ value_json.state }}' }],
  brightness: true,
  brightness_scale: 254,
  color_mode: true,
  command_topic: 'zigbee2mqtt/Hue Go/set',
  device: {
    identifiers: ['zigbee2mqtt_0x0017880104e45517'],
    manufacturer: 'Philips',
    model: 'Hue Go (7146060PH)',
    name: 'Hue Go',
    sw_version: '1.50.2_r30933',
  },
  effect: true,
  effect_list: ['blink', 'breathe', 'okay', 'channel_change', 'finish_effect', 'stop_effect'],
  json_attributes_topic: 'zigbee2mqtt/Hue Go',
  max_mireds: 500,
  min_mireds: 153,
  name: null,
  object_id: 'hue_go',
  origin: { name: 'Zigbee2MQTT', sw: '1.42.0', url: 'https://www.zigbee2mqtt.io' },
  schema: 'json',
  state_topic: 'zigbee2mqtt/Hue Go',
  supported_color_modes: ['xy', 'color_temp'],
  unique_id: '0x0017880104e45517_light_zigbee2mqtt',
};
const Z2M_STATE = 'zigbee2mqtt/Hue Go';
const Z2M_SET = 'zigbee2mqtt/Hue Go/set';

/** The bulb, online and on, answering every command as Zigbee2MQTT does: with its whole state. */
function z2mBulb() {
  const hub = setup();
  hub.mqtt.deliver('homeassistant/light/0x0017880104e45517/light/config', Z2M_BULB);
  hub.mqtt.deliver('zigbee2mqtt/bridge/state', { state: 'online' });
  let state: Record<string, unknown> = {
    brightness: 254,
    color: { x: 0.4573, y: 0.41 },
    color_mode: 'xy',
    color_temp: 370,
    linkquality: 120,
    state: 'ON',
    update: { state: 'idle' },
  };
  hub.mqtt.deliver(Z2M_STATE, state);
  hub.mqtt.onPublish = (topic, payload) => {
    if (topic !== Z2M_SET) return;
    const command = JSON.parse(payload) as Record<string, unknown>;
    state = { ...state, state: command.state };
    if (command.brightness !== undefined) state.brightness = command.brightness;
    if (command.color !== undefined) state = { ...state, color: command.color, color_mode: 'xy' };
    if (command.color_temp !== undefined)
      state = { ...state, color_temp: command.color_temp, color_mode: 'color_temp' };
    hub.mqtt.deliver(Z2M_STATE, state);
  };
  hub.sent();
  return hub;
}

describe('MQTT json light, as Zigbee2MQTT announces a colour bulb', () => {
  it('has the id, capabilities and xy colour attributes Home Assistant gives it', () => {
    const { states } = z2mBulb();
    const state = states.get('light.hue_go');
    expect(state?.state).toBe('on');
    expect(state?.attributes).toEqual({
      friendly_name: 'Hue Go',
      supported_color_modes: ['color_temp', 'xy'],
      supported_features: 44,
      min_color_temp_kelvin: 2000,
      max_color_temp_kelvin: 6535,
      min_mireds: 153,
      max_mireds: 500,
      effect_list: ['blink', 'breathe', 'okay', 'channel_change', 'finish_effect', 'stop_effect'],
      effect: null,
      color_mode: 'xy',
      brightness: 255,
      color_temp_kelvin: null,
      color_temp: null,
      hs_color: [38.667, 52.941],
      rgb_color: [255, 207, 120],
      xy_color: [0.4573, 0.41],
      // json_attributes_topic is the state topic: its other keys become attributes.
      color: { x: 0.4573, y: 0.41 },
      linkquality: 120,
      update: { state: 'idle' },
    });
  });

  it('reads a colour temperature report in mireds, and derives hs, rgb and xy from it', () => {
    const { mqtt, states } = z2mBulb();
    mqtt.deliver(Z2M_STATE, { brightness: 127, color_mode: 'color_temp', color_temp: 370, state: 'ON' });
    expect(states.get('light.hue_go')?.attributes).toMatchObject({
      color_mode: 'color_temp',
      brightness: 128,
      color_temp_kelvin: 2702,
      color_temp: 370,
      hs_color: [28.391, 65.659],
      rgb_color: [255, 166, 87],
      xy_color: [0.526, 0.387],
    });
  });

  it('sets every state attribute to null while the light is off', () => {
    const { mqtt, states } = z2mBulb();
    mqtt.deliver(Z2M_STATE, { state: 'OFF' });
    expect(states.get('light.hue_go')?.attributes).toMatchObject({
      color_mode: null,
      brightness: null,
      color_temp_kelvin: null,
      hs_color: null,
      rgb_color: null,
      xy_color: null,
      effect: null,
    });
  });

  it.each([
    [{}, '{"state":"ON"}'],
    [{ brightness: 128 }, '{"state":"ON","brightness":127}'],
    [{ brightness: 1 }, '{"state":"ON","brightness":1}'],
    [{ brightness_pct: 100 }, '{"state":"ON","brightness":254}'],
    [{ xy_color: [0.5, 0.4] }, '{"state":"ON","color":{"x":0.5,"y":0.4}}'],
    // Colours the bulb has no mode for reach it as xy, converted as Home Assistant converts them.
    [{ hs_color: [30, 100] }, '{"state":"ON","color":{"x":0.612,"y":0.374}}'],
    [{ rgb_color: [255, 0, 0] }, '{"state":"ON","color":{"x":0.701,"y":0.299}}'],
    [{ color_name: 'red' }, '{"state":"ON","color":{"x":0.701,"y":0.299}}'],
    [{ color_temp_kelvin: 2700 }, '{"state":"ON","color_temp":370}'],
    [{ color_temp: 370 }, '{"state":"ON","color_temp":370}'],
    [{ kelvin: 4000 }, '{"state":"ON","color_temp":250}'],
    [{ transition: 2 }, '{"state":"ON","transition":2.0}'],
    [{ flash: 'long' }, '{"state":"ON","flash":10}'],
    [{ flash: 'short' }, '{"state":"ON","flash":2}'],
    [{ effect: 'blink' }, '{"state":"ON","effect":"blink"}'],
    [
      { brightness: 255, color_temp_kelvin: 4000, transition: 1.5 },
      '{"state":"ON","transition":1.5,"brightness":254,"color_temp":250}',
    ],
  ])('turn_on %j publishes %s, and resolves on the report', async (data, payload) => {
    const { call, sent } = z2mBulb();
    await call('turn_on', 'light.hue_go', data);
    expect(sent()).toEqual([`${Z2M_SET} ${payload}`]);
  });

  it.each([
    ['turn_off', {}, '{"state":"OFF"}'],
    ['turn_off', { transition: 3 }, '{"state":"OFF","transition":3.0}'],
    ['turn_off', { flash: 'short' }, '{"state":"OFF","flash":2}'],
    ['turn_on', { brightness: 0 }, '{"state":"OFF"}'],
    ['turn_on', { brightness: 0, transition: 1 }, '{"state":"OFF","transition":1.0}'],
    ['toggle', { transition: 1 }, '{"state":"OFF","transition":1.0}'],
  ])('%s %j publishes %s', async (service, data, payload) => {
    const { call, sent, states } = z2mBulb();
    await call(service, 'light.hue_go', data);
    expect(sent()).toEqual([`${Z2M_SET} ${payload}`]);
    expect(states.get('light.hue_go')?.state).toBe('off');
  });

  it.each([
    [{ white: 128 }, 'service_data.white: light.hue_go has no white mode'],
    [{ color_name: 'blurple' }, 'service_data.color_name: unknown colour "blurple"'],
    [
      { hs_color: [30, 100], xy_color: [0.3, 0.3] },
      'service_data.xy_color: cannot be combined with hs_color',
    ],
  ])('refuses %j with service_validation_error, publishing nothing', async (data, message) => {
    const { call, sent } = z2mBulb();
    await expect(call('turn_on', 'light.hue_go', data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(sent()).toEqual([]);
  });

  it('confirms a colour only when the bulb reports that colour mode, within its rounding', async () => {
    const { mqtt, call, states } = z2mBulb();
    mqtt.onPublish = () => {};
    let done = false;
    const pending = call('turn_on', 'light.hue_go', { xy_color: [0.5, 0.4] }).then((context) => {
      done = true;
      return context;
    });
    await Promise.resolve();
    mqtt.deliver(Z2M_STATE, { state: 'ON', color_mode: 'color_temp', color_temp: 250 });
    await Promise.resolve();
    expect(done).toBe(false);
    mqtt.deliver(Z2M_STATE, { state: 'ON', color_mode: 'xy', color: { x: 0.3, y: 0.3 } });
    await Promise.resolve();
    expect(done).toBe(false);
    mqtt.deliver(Z2M_STATE, { state: 'ON', color_mode: 'xy', color: { x: 0.5003, y: 0.3998 } });
    const context = await pending;
    expect(states.get('light.hue_go')?.context).toEqual(context);
  });

  it('answers device_timeout when the bulb reports another brightness', async () => {
    const { mqtt, call, clock } = z2mBulb();
    mqtt.onPublish = () => mqtt.deliver(Z2M_STATE, { state: 'ON', brightness: 200 });
    const pending = call('turn_on', 'light.hue_go', { brightness: 10 });
    const outcome = expect(pending).rejects.toMatchObject({ code: 'device_timeout' });
    clock.advance(5000);
    await outcome;
  });

  it('logs a report without "state", an unsupported colour mode or a bad colour, and keeps the rest', () => {
    const { mqtt, states, warnings } = z2mBulb();
    mqtt.deliver(Z2M_STATE, { brightness: 10 });
    expect(warnings.at(-1)).toContain('state has no "state" key');
    expect(states.get('light.hue_go')?.attributes.brightness).toBe(255);
    mqtt.deliver(Z2M_STATE, { state: 'ON', color_mode: 'hs', color: { h: 10, s: 10 }, brightness: 127 });
    expect(warnings.at(-1)).toContain('invalid color mode "hs"');
    expect(states.get('light.hue_go')?.attributes).toMatchObject({ color_mode: 'xy', brightness: 128 });
    mqtt.deliver(Z2M_STATE, { state: 'ON', color_mode: 'xy', color: { x: null } });
    expect(warnings.at(-1)).toContain('invalid or incomplete color value');
    mqtt.deliver(Z2M_STATE, { state: 'ON', brightness: 0 });
    expect(states.get('light.hue_go')?.attributes.brightness).toBe(128);
  });
});

/** An RGBCW strip as ESPHome announces it: abbreviated keys, one colour mode. */
const ESPHOME_STRIP = {
  name: 'Strip',
  stat_t: 'esp-strip/light/strip/state',
  cmd_t: 'esp-strip/light/strip/command',
  schema: 'json',
  brightness: true,
  color_mode: true,
  sup_clrm: ['rgbww'],
  effect: true,
  fx_list: ['None', 'Rainbow'],
  avty_t: 'esp-strip/status',
  uniq_id: 'esp-striplightstrip',
  dev: { ids: 'a4cf12345678', name: 'esp-strip', sw: 'esphome v2024.6.0', mdl: 'esp32dev', mf: 'espressif' },
};

function espStrip() {
  const hub = setup();
  hub.mqtt.deliver('homeassistant/light/esp-strip/strip/config', ESPHOME_STRIP);
  hub.mqtt.deliver('esp-strip/status', 'online');
  hub.mqtt.deliver('esp-strip/light/strip/state', {
    state: 'ON',
    color_mode: 'rgbww',
    brightness: 255,
    color: { r: 255, g: 0, b: 0, c: 0, w: 128 },
    effect: 'None',
  });
  hub.sent();
  return hub;
}

describe('MQTT json light, as ESPHome announces an RGBCW strip', () => {
  it('reads rgbww and derives the rgb, hs and xy Home Assistant shows', () => {
    const { states } = espStrip();
    expect(states.get('light.esp_strip_strip')).toMatchObject({
      state: 'on',
      attributes: {
        supported_color_modes: ['rgbww'],
        supported_features: 44,
        effect_list: ['None', 'Rainbow'],
        effect: 'None',
        color_mode: 'rgbww',
        brightness: 255,
        rgbww_color: [255, 0, 0, 0, 128],
        rgb_color: [255, 46, 5],
        hs_color: [9.84, 98.039],
        xy_color: [0.686, 0.31],
      },
    });
  });

  it.each([
    [{ rgbww_color: [255, 0, 0, 0, 128] }, '{"state":"ON","color":{"r":255,"g":0,"b":0,"c":0,"w":128}}'],
    [{ rgb_color: [255, 128, 0] }, '{"state":"ON","color":{"r":255,"g":128,"b":0,"c":0,"w":0}}'],
    // No color_temp mode: Home Assistant emulates the temperature with the two whites.
    [{ color_temp_kelvin: 2700 }, '{"state":"ON","color":{"r":0,"g":0,"b":0,"c":96,"w":159}}'],
    [{ effect: 'Rainbow', brightness: 128 }, '{"state":"ON","brightness":128,"effect":"Rainbow"}'],
  ])('turn_on %j publishes %s', async (data, payload) => {
    const { call, sent } = espStrip();
    void call('turn_on', 'light.esp_strip_strip', data).catch(() => {});
    await Promise.resolve();
    expect(sent()).toEqual([`esp-strip/light/strip/command ${payload}`]);
  });
});

describe('MQTT json light: the smaller ones', () => {
  it('is an onoff light without modes or brightness, and drops a brightness', async () => {
    const { mqtt, states, call, sent } = setup();
    mqtt.deliver('homeassistant/light/relay/config', {
      schema: 'json',
      name: 'Relay',
      command_topic: 'relay/set',
      state_topic: 'relay',
      unique_id: 'relay',
    });
    mqtt.deliver('relay', { state: 'ON', brightness: 40 });
    expect(states.get('light.relay')?.attributes).toEqual({
      friendly_name: 'Relay',
      supported_color_modes: ['onoff'],
      supported_features: 40,
      color_mode: 'onoff',
    });
    mqtt.onPublish = (topic, payload) => topic === 'relay/set' && mqtt.deliver('relay', payload);
    await call('turn_on', 'light.relay', { brightness: 80 });
    expect(sent()).toEqual(['relay/set {"state":"ON"}']);
  });

  it('dims the colour instead of sending a brightness when the light does not declare brightness', async () => {
    const { mqtt, call, sent } = setup();
    mqtt.deliver('homeassistant/light/rgb/config', {
      schema: 'json',
      name: 'RGB',
      command_topic: 'rgb/set',
      supported_color_modes: ['rgb'],
      unique_id: 'rgb',
    });
    await call('turn_on', 'light.rgb', { rgb_color: [255, 128, 0], brightness: 128 });
    expect(sent()).toEqual(['rgb/set {"state":"ON","color":{"r":128,"g":64,"b":0}}']);
  });

  it('is optimistic without a state topic: assumed_state, and the command applied at once', async () => {
    const { mqtt, states, call, sent } = setup();
    mqtt.deliver('homeassistant/light/hs/config', {
      schema: 'json',
      name: 'HS',
      command_topic: 'hs/set',
      supported_color_modes: ['hs', 'color_temp', 'white'],
      white_scale: 100,
      unique_id: 'hs',
    });
    await call('turn_on', 'light.hs', { hs_color: [120, 80], brightness: 200 });
    expect(states.get('light.hs')).toMatchObject({
      state: 'on',
      attributes: {
        assumed_state: true,
        color_mode: 'hs',
        hs_color: [120, 80],
        rgb_color: [50, 255, 50],
        brightness: 200,
      },
    });
    await call('turn_on', 'light.hs', { white: 128 });
    expect(states.get('light.hs')?.attributes).toMatchObject({ color_mode: 'white', brightness: 128 });
    expect(sent()).toEqual([
      'hs/set {"state":"ON","color":{"h":120.0,"s":80.0},"brightness":200}',
      'hs/set {"state":"ON","white":50}',
    ]);
  });

  it.each([
    [['brightness', 'hs'], 'onoff and brightness cannot be combined'],
    [['white'], 'white needs a colour mode'],
    [['hs', 'hs'], 'must not repeat'],
  ])('refuses supported_color_modes %j, as Home Assistant does', (modes, message) => {
    const { mqtt, states, warnings } = setup();
    mqtt.deliver('homeassistant/light/bad/config', {
      schema: 'json',
      name: 'Bad',
      command_topic: 'bad/set',
      supported_color_modes: modes,
    });
    expect(states.get('light.bad')).toBeUndefined();
    expect(warnings.at(-1)).toContain(message);
  });
});
