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

const ALL_TOPICS = {
  name: 'test',
  unique_id: 'all',
  command_topic: 'test_light_rgb/set',
  brightness_command_topic: 'test_light_rgb/brightness/set',
  rgb_command_topic: 'test_light_rgb/rgb/set',
  rgbw_command_topic: 'test_light_rgb/rgbw/set',
  rgbww_command_topic: 'test_light_rgb/rgbww/set',
  color_temp_command_topic: 'test_light_rgb/color_temp/set',
  effect_command_topic: 'test_light_rgb/effect/set',
  hs_command_topic: 'test_light_rgb/hs/set',
  xy_command_topic: 'test_light_rgb/xy/set',
  effect_list: ['colorloop', 'random'],
  qos: 2,
  payload_on: 'on',
  payload_off: 'off',
};

// The cases of Home Assistant's tests/components/mqtt/test_light.py, payload for payload.
describe('MQTT default light: commands, as Home Assistant publishes them', () => {
  it('publishes one topic per property, in Home Assistant order, and is optimistic without state topics', async () => {
    const { mqtt, states, call, sent } = setup();
    mqtt.deliver('homeassistant/light/all/config', ALL_TOPICS);
    expect(states.get('light.test')?.attributes).toMatchObject({
      supported_color_modes: ['color_temp', 'hs', 'rgb', 'rgbw', 'rgbww', 'xy'],
      supported_features: 4,
      assumed_state: true,
      effect_list: ['colorloop', 'random'],
    });
    const steps: [Record<string, unknown>, string[], Record<string, unknown>][] = [
      [
        { effect: 'colorloop' },
        ['test_light_rgb/effect/set colorloop', 'test_light_rgb/set on'],
        { effect: 'colorloop', color_mode: 'unknown' },
      ],
      [
        { brightness: 10, rgb_color: [80, 40, 20] },
        ['test_light_rgb/rgb/set 80,40,20', 'test_light_rgb/brightness/set 10', 'test_light_rgb/set on'],
        { brightness: 10, rgb_color: [80, 40, 20], color_mode: 'rgb' },
      ],
      [
        { brightness: 20, rgbw_color: [80, 40, 20, 10] },
        ['test_light_rgb/rgbw/set 80,40,20,10', 'test_light_rgb/brightness/set 20', 'test_light_rgb/set on'],
        { brightness: 20, rgbw_color: [80, 40, 20, 10], color_mode: 'rgbw' },
      ],
      [
        { brightness: 40, rgbww_color: [80, 40, 20, 10, 8] },
        [
          'test_light_rgb/rgbww/set 80,40,20,10,8',
          'test_light_rgb/brightness/set 40',
          'test_light_rgb/set on',
        ],
        { brightness: 40, rgbww_color: [80, 40, 20, 10, 8], color_mode: 'rgbww' },
      ],
      [
        { brightness: 50, hs_color: [359, 78] },
        ['test_light_rgb/hs/set 359.0,78.0', 'test_light_rgb/brightness/set 50', 'test_light_rgb/set on'],
        { brightness: 50, hs_color: [359, 78], color_mode: 'hs' },
      ],
      [
        { brightness: 60, xy_color: [0.2, 0.3] },
        ['test_light_rgb/xy/set 0.2,0.3', 'test_light_rgb/brightness/set 60', 'test_light_rgb/set on'],
        { brightness: 60, xy_color: [0.2, 0.3], color_mode: 'xy' },
      ],
      [
        { color_temp_kelvin: 8000 },
        ['test_light_rgb/color_temp/set 125', 'test_light_rgb/set on'],
        { brightness: 60, color_temp_kelvin: 8000, color_temp: 125, color_mode: 'color_temp' },
      ],
      [{ effect: 'not-listed' }, ['test_light_rgb/set on'], { effect: 'colorloop' }],
    ];
    for (const [data, payloads, attributes] of steps) {
      await call('turn_on', 'light.test', data);
      expect(sent(), JSON.stringify(data)).toEqual(payloads);
      expect(states.get('light.test')).toMatchObject({ state: 'on', attributes });
    }
    await call('turn_off', 'light.test', { transition: 2, flash: 'long' });
    expect(sent()).toEqual(['test_light_rgb/set off']);
    expect(states.get('light.test')?.attributes.color_mode).toBeNull();
  });

  it.each([
    ['first', { brightness: 50 }, ['test_light/set ON', 'test_light/bright 50']],
    ['last', { brightness: 50 }, ['test_light/bright 50', 'test_light/set ON']],
    ['brightness', {}, ['test_light/bright 255']],
    ['brightness', { brightness: 50 }, ['test_light/bright 50']],
  ])('on_command_type %s: turn_on %j publishes %j', async (type, data, payloads) => {
    const { mqtt, call, sent } = setup();
    mqtt.deliver('homeassistant/light/t/config', {
      name: 'test',
      command_topic: 'test_light/set',
      brightness_command_topic: 'test_light/bright',
      on_command_type: type,
    });
    await call('turn_on', 'light.test', data);
    expect(sent()).toEqual(payloads);
  });

  it('on_command_type brightness: a colour brings the last brightness along, scaled', async () => {
    const { mqtt, call, sent } = setup();
    mqtt.deliver('homeassistant/light/t/config', {
      name: 'test',
      command_topic: 'test_light/set',
      brightness_command_topic: 'test_light/bright',
      brightness_scale: 100,
      rgb_command_topic: 'test_light/rgb',
      on_command_type: 'brightness',
    });
    const steps: [string, Record<string, unknown>, string[]][] = [
      ['turn_on', {}, ['test_light/bright 100']],
      ['turn_off', {}, ['test_light/set OFF']],
      ['turn_on', { brightness: 50 }, ['test_light/bright 20']],
      ['turn_on', { brightness: 255 }, ['test_light/bright 100']],
      // "Make sure the brightness is not rounded down to 0."
      ['turn_on', { brightness: 1 }, ['test_light/bright 1']],
      ['turn_on', { rgb_color: [255, 128, 0] }, ['test_light/rgb 255,128,0', 'test_light/bright 1']],
    ];
    for (const [service, data, payloads] of steps) {
      await call(service, 'light.test', data);
      expect(sent(), `${service} ${JSON.stringify(data)}`).toEqual(payloads);
    }
  });

  it.each([
    ['rgb', 'rgb_color', [255, 128, 0], ['127,127,127', '255,255,255', '1,1,1', '1,0,0', '255,128,0']],
    [
      'rgbw',
      'rgbw_color',
      [255, 128, 0, 16],
      ['127,127,127,127', '255,255,255,255', '1,1,1,1', '1,0,0,0', '255,128,0,16'],
    ],
    [
      'rgbww',
      'rgbww_color',
      [255, 128, 0, 16, 32],
      ['127,127,127,127,127', '255,255,255,255,255', '1,1,1,1,1', '1,0,0,0,0', '255,128,0,16,32'],
    ],
  ])('without a brightness topic, brightness dims the %s colour', async (mode, field, color, payloads) => {
    const { mqtt, call, sent } = setup();
    mqtt.deliver('homeassistant/light/t/config', {
      name: 'test',
      command_topic: 'test_light/set',
      [`${mode}_command_topic`]: `test_light/${mode}`,
    });
    const published: string[] = [];
    for (const data of [
      { brightness: 127 },
      { brightness: 255 },
      { brightness: 1 },
      { [field]: color },
      { brightness: 255 },
    ]) {
      await call('turn_on', 'light.test', data);
      const [payload, on] = sent();
      expect(on).toBe('test_light/set ON');
      published.push(payload?.replace(`test_light/${mode} `, '') ?? '');
    }
    expect(published).toEqual(payloads);
  });

  it.each([
    [
      { rgb_command_topic: 'l/rgb', rgb_command_template: '{{ red }}/{{ green }}/{{ blue }}' },
      { brightness: 127 },
      'l/rgb 127/127/127',
    ],
    [
      { rgbw_command_topic: 'l/rgbw', rgbw_command_template: '{{ red }}/{{ green }}/{{ blue }}/{{ white }}' },
      { rgbw_color: [255, 128, 64, 32] },
      'l/rgbw 255/128/64/32',
    ],
    [
      { rgbww_command_topic: 'l/rgbww', rgbww_command_template: '{{ cold_white }}-{{ warm_white }}' },
      { rgbww_color: [255, 128, 64, 32, 16] },
      'l/rgbww 32-16',
    ],
    [
      { color_temp_command_topic: 'l/ct', color_temp_command_template: '{{ (1000 / value) | round(0) }}' },
      { color_temp_kelvin: 10000 },
      'l/ct 10',
    ],
    [
      {
        color_temp_command_topic: 'l/ct',
        color_temp_command_template: '{{ (0.5 * value) | round(0) }}',
        color_temp_kelvin: true,
      },
      { color_temp_kelvin: 10000 },
      'l/ct 5000',
    ],
    [
      { hs_command_topic: 'l/hs', hs_command_template: '{"h":{{ hue | int }},"s":{{ sat | int }}}' },
      { hs_color: [30, 50] },
      'l/hs {"h":30,"s":50}',
    ],
    [
      { xy_command_topic: 'l/xy', xy_command_template: '{{ x }}|{{ y }}' },
      { xy_color: [0.25, 0.5] },
      'l/xy 0.25|0.5',
    ],
    [
      {
        brightness_command_topic: 'l/bri',
        brightness_command_template: '{"Dimmer":{{ value }}}',
        brightness_scale: 100,
      },
      { brightness: 128 },
      'l/bri {"Dimmer":50}',
    ],
    [
      {
        effect_command_topic: 'l/fx',
        effect_command_template: 'Scheme {{ value }}',
        effect_list: ['1', '2'],
      },
      { effect: '2' },
      'l/fx Scheme 2',
    ],
  ])('renders the command template of %j', async (topics, data, payload) => {
    const { mqtt, call, sent } = setup();
    mqtt.deliver('homeassistant/light/t/config', { name: 'test', command_topic: 'l/set', ...topics });
    await call('turn_on', 'light.test', data);
    expect(sent()).toEqual([payload, 'l/set ON']);
  });

  it('sends white scaled by white_scale, and brightness with white as the white level', async () => {
    const { mqtt, call, sent, states } = setup();
    mqtt.deliver('homeassistant/light/t/config', {
      name: 'test',
      command_topic: 'l/set',
      rgb_command_topic: 'l/rgb',
      white_command_topic: 'l/white',
      white_scale: 100,
    });
    await call('turn_on', 'light.test', { white: 255 });
    await call('turn_on', 'light.test', { white: 64 });
    await call('turn_on', 'light.test', { white: true, brightness: 128 });
    expect(sent()).toEqual(['l/white 100', 'l/set ON', 'l/white 25', 'l/set ON', 'l/white 50', 'l/set ON']);
    expect(states.get('light.test')?.attributes).toMatchObject({
      supported_color_modes: ['rgb', 'white'],
      color_mode: 'white',
      brightness: 128,
    });
  });

  it.each([
    [
      { brightness_command_topic: 'l/bri' },
      { hs_color: [30, 100] },
      'service_data.hs_color: light.test shows no colour',
    ],
    [{ brightness_command_topic: 'l/bri' }, { color_temp_kelvin: 3000 }, 'service_data.color_temp_kelvin'],
    [{ rgb_command_topic: 'l/rgb' }, { white: 100 }, 'service_data.white: light.test has no white mode'],
    [{}, { rgb_color: [1, 2, 3] }, 'supported_color_modes: onoff'],
  ])('refuses what the light cannot show: config %j, turn_on %j', async (topics, data, message) => {
    const { mqtt, call, sent } = setup();
    mqtt.deliver('homeassistant/light/t/config', { name: 'test', command_topic: 'l/set', ...topics });
    await expect(call('turn_on', 'light.test', data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(sent()).toEqual([]);
  });

  it('converts a colour to the mode the light has: hs and xy on an rgb light', async () => {
    const { mqtt, call, sent } = setup();
    mqtt.deliver('homeassistant/light/t/config', {
      name: 'test',
      command_topic: 'l/set',
      rgb_command_topic: 'l/rgb',
    });
    await call('turn_on', 'light.test', { hs_color: [120, 80] });
    await call('turn_on', 'light.test', { xy_color: [0.701, 0.299] });
    expect(sent()).toEqual(['l/rgb 50,255,50', 'l/set ON', 'l/rgb 255,0,0', 'l/set ON']);
  });

  it('refuses a white command topic without a colour command topic, as Home Assistant does', () => {
    const { mqtt, states, warnings } = setup();
    mqtt.deliver('homeassistant/light/t/config', {
      name: 'test',
      command_topic: 'l/set',
      white_command_topic: 'l/w',
    });
    expect(states.get('light.test')).toBeUndefined();
    expect(warnings.at(-1)).toContain('white_command_topic needs a colour command topic');
  });
});

describe('MQTT default light: state topics', () => {
  const STATEFUL = {
    name: 'test',
    unique_id: 'stateful',
    state_topic: 'test_light_rgb/status',
    command_topic: 'test_light_rgb/set',
    color_mode_state_topic: 'test_light_rgb/color_mode/status',
    brightness_state_topic: 'test_light_rgb/brightness/status',
    brightness_command_topic: 'test_light_rgb/brightness/set',
    rgb_state_topic: 'test_light_rgb/rgb/status',
    rgb_command_topic: 'test_light_rgb/rgb/set',
    rgbw_state_topic: 'test_light_rgb/rgbw/status',
    rgbw_command_topic: 'test_light_rgb/rgbw/set',
    rgbww_state_topic: 'test_light_rgb/rgbww/status',
    rgbww_command_topic: 'test_light_rgb/rgbww/set',
    color_temp_state_topic: 'test_light_rgb/color_temp/status',
    color_temp_command_topic: 'test_light_rgb/color_temp/set',
    effect_state_topic: 'test_light_rgb/effect/status',
    effect_command_topic: 'test_light_rgb/effect/set',
    hs_state_topic: 'test_light_rgb/hs/status',
    hs_command_topic: 'test_light_rgb/hs/set',
    xy_state_topic: 'test_light_rgb/xy/status',
    xy_command_topic: 'test_light_rgb/xy/set',
    qos: '0',
    payload_on: 1,
    payload_off: 0,
  };

  it('keeps each colour, and shows the one color_mode_state_topic names', () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/light/t/config', { ...STATEFUL, qos: 0 });
    const attributes = () => states.get('light.test')?.attributes;
    expect(states.get('light.test')?.state).toBe('unknown');
    expect(attributes()?.color_mode).toBeNull();
    mqtt.deliver('test_light_rgb/status', '1');
    expect(attributes()).toMatchObject({ color_mode: 'unknown', brightness: null, rgb_color: null });
    mqtt.deliver('test_light_rgb/brightness/status', '100');
    mqtt.deliver('test_light_rgb/color_temp/status', '300');
    mqtt.deliver('test_light_rgb/effect/status', 'rainbow');
    mqtt.deliver('test_light_rgb/rgb/status', '125,125,125');
    mqtt.deliver('test_light_rgb/rgbw/status', '80,40,20,10');
    mqtt.deliver('test_light_rgb/rgbww/status', '80,40,20,10,8');
    mqtt.deliver('test_light_rgb/hs/status', '200,50');
    mqtt.deliver('test_light_rgb/xy/status', '0.675,0.322');
    expect(attributes()).toMatchObject({ color_mode: 'unknown', brightness: null, effect: 'rainbow' });
    const cases: [string, Record<string, unknown>][] = [
      ['color_temp', { color_temp_kelvin: 3333, color_temp: 300, brightness: 100 }],
      ['rgb', { rgb_color: [125, 125, 125], hs_color: [0, 0], xy_color: [0.323, 0.329] }],
      ['rgbw', { rgbw_color: [80, 40, 20, 10] }],
      ['rgbww', { rgbww_color: [80, 40, 20, 10, 8] }],
      ['hs', { hs_color: [200, 50] }],
      ['xy', { xy_color: [0.675, 0.322] }],
    ];
    for (const [mode, expected] of cases) {
      mqtt.deliver('test_light_rgb/color_mode/status', mode);
      expect(attributes(), mode).toMatchObject({ color_mode: mode, ...expected });
    }
  });

  it('ignores empty messages, zero brightness and zero rgb, and logs unparsable ones', () => {
    const { mqtt, states, warnings } = setup();
    mqtt.deliver('homeassistant/light/t/config', { ...STATEFUL, qos: 0 });
    mqtt.deliver('test_light_rgb/status', '1');
    mqtt.deliver('test_light_rgb/color_mode/status', 'hs');
    mqtt.deliver('test_light_rgb/brightness/status', '255');
    mqtt.deliver('test_light_rgb/hs/status', '100,50');
    for (const topic of ['status', 'brightness/status', 'hs/status', 'color_mode/status', 'effect/status'])
      mqtt.deliver(`test_light_rgb/${topic}`, '');
    mqtt.deliver('test_light_rgb/brightness/status', '0');
    expect(states.get('light.test')).toMatchObject({
      state: 'on',
      attributes: { brightness: 255, hs_color: [100, 50], color_mode: 'hs' },
    });
    mqtt.deliver('test_light_rgb/hs/status', 'bad,bad');
    expect(warnings.at(-1)).toContain('is not "hue,saturation"');
    mqtt.deliver('test_light_rgb/color_mode/status', 'sepia');
    expect(warnings.at(-1)).toContain('is not a color mode');
    expect(states.get('light.test')?.attributes.color_mode).toBe('hs');
  });

  it('takes the brightness from an rgb state without a brightness topic, and normalises the colour', async () => {
    const { mqtt, states, call, sent } = setup();
    mqtt.deliver('homeassistant/light/t/config', {
      name: 'test',
      state_topic: 'test_scale_rgb/status',
      command_topic: 'test_scale_rgb/set',
      rgb_state_topic: 'test_scale_rgb/rgb/status',
      rgb_command_topic: 'test_scale_rgb/rgb/set',
      payload_on: 'on',
      payload_off: 'off',
    });
    mqtt.deliver('test_scale_rgb/status', 'on');
    mqtt.deliver('test_scale_rgb/rgb/status', '255,0,0');
    expect(states.get('light.test')?.attributes.brightness).toBe(255);
    mqtt.deliver('test_scale_rgb/rgb/status', '128,64,32');
    expect(states.get('light.test')?.attributes).toMatchObject({
      brightness: 128,
      rgb_color: [255, 128, 64],
    });
    mqtt.deliver('test_scale_rgb/rgb/status', '0,0,0');
    expect(states.get('light.test')?.attributes).toMatchObject({
      brightness: 128,
      rgb_color: [255, 128, 64],
    });

    sent();
    let done = false;
    const pending = call('turn_on', 'light.test', { brightness: 191 }).then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(sent()).toEqual(['test_scale_rgb/rgb/set 191,95,47', 'test_scale_rgb/set on']);
    mqtt.deliver('test_scale_rgb/status', 'on');
    await Promise.resolve();
    expect(done).toBe(false);
    mqtt.deliver('test_scale_rgb/rgb/status', '191,95,47');
    await pending;
    expect(states.get('light.test')?.attributes).toMatchObject({
      brightness: 191,
      rgb_color: [255, 127, 63],
    });
  });

  it('sets a brightness it cannot read back at once, and confirms on the state alone', async () => {
    const { mqtt, states, call } = setup();
    mqtt.deliver('homeassistant/light/t/config', {
      name: 'test',
      state_topic: 'l/state',
      command_topic: 'l/set',
      brightness_command_topic: 'l/bri',
    });
    mqtt.deliver('l/state', 'ON');
    await call('turn_on', 'light.test', { brightness: 100 });
    expect(states.get('light.test')?.attributes).toMatchObject({ brightness: 100, color_mode: 'brightness' });
    expect(states.get('light.test')?.attributes.assumed_state).toBeUndefined();
  });
});

/** A Tasmota RGBCCT bulb, as its (legacy, SetOption19) discovery announces it: abbreviated, `~` base topic. */
const TASMOTA_RGBCCT = {
  name: 'Tasmota',
  '~': 'tasmota_B94927/',
  cmd_t: '~cmnd/POWER',
  stat_t: '~tele/STATE',
  stat_val_tpl: '{{ value_json.POWER }}',
  pl_off: 'OFF',
  pl_on: 'ON',
  avty_t: '~tele/LWT',
  pl_avail: 'Online',
  pl_not_avail: 'Offline',
  uniq_id: 'B94927_LI_1',
  dev: { ids: ['B94927'], name: 'Kitchen Bulb', mdl: 'Sonoff B1', sw: '9.5.0', mf: 'Tasmota' },
  bri_cmd_t: '~cmnd/Dimmer',
  bri_stat_t: '~tele/STATE',
  bri_scl: 100,
  on_cmd_type: 'brightness',
  bri_val_tpl: '{{ value_json.Dimmer }}',
  rgb_cmd_t: '~cmnd/Color2',
  rgb_stat_t: '~tele/STATE',
  rgb_val_tpl: "{{ value_json.Color.split(',')[0:3] | join(',') }}",
  clr_temp_cmd_t: '~cmnd/CT',
  clr_temp_stat_t: '~tele/STATE',
  clr_temp_val_tpl: '{{ value_json.CT }}',
  fx_cmd_t: '~cmnd/Scheme',
  fx_stat_t: '~tele/STATE',
  fx_val_tpl: '{{ value_json.Scheme }}',
  fx_list: ['0', '1', '2', '3', '4'],
};

describe('MQTT default light, as Tasmota announces an RGBCCT bulb', () => {
  function tasmota() {
    const hub = setup();
    hub.mqtt.deliver('homeassistant/light/B94927_LI_1/config', TASMOTA_RGBCCT);
    hub.mqtt.deliver('tasmota_B94927/tele/LWT', 'Online');
    hub.mqtt.deliver('tasmota_B94927/tele/STATE', {
      POWER: 'ON',
      Dimmer: 50,
      Color: '255,128,0,0,0',
      CT: 370,
      Scheme: 0,
    });
    hub.sent();
    return hub;
  }

  it('reads every property from the one STATE message; the last topic handler sets the colour mode', () => {
    const { states } = tasmota();
    expect(states.get('light.kitchen_bulb_tasmota')).toMatchObject({
      state: 'on',
      attributes: {
        friendly_name: 'Kitchen Bulb Tasmota',
        supported_color_modes: ['color_temp', 'rgb'],
        supported_features: 4,
        effect_list: ['0', '1', '2', '3', '4'],
        effect: '0',
        color_mode: 'color_temp',
        brightness: 128,
        color_temp_kelvin: 2702,
        color_temp: 370,
        hs_color: [28.391, 65.659],
        rgb_color: [255, 166, 87],
        xy_color: [0.526, 0.387],
      },
    });
  });

  it.each([
    [{}, ['tasmota_B94927/cmnd/Dimmer 50']],
    [{ brightness: 255 }, ['tasmota_B94927/cmnd/Dimmer 100']],
    [{ rgb_color: [255, 0, 0] }, ['tasmota_B94927/cmnd/Color2 255,0,0', 'tasmota_B94927/cmnd/Dimmer 50']],
    [{ color_temp_kelvin: 2700 }, ['tasmota_B94927/cmnd/Dimmer 50', 'tasmota_B94927/cmnd/CT 370']],
    [{ effect: '2' }, ['tasmota_B94927/cmnd/Dimmer 50', 'tasmota_B94927/cmnd/Scheme 2']],
    [{ hs_color: [120, 100] }, ['tasmota_B94927/cmnd/Color2 0,255,0', 'tasmota_B94927/cmnd/Dimmer 50']],
  ])('turn_on %j publishes %j (on_command_type brightness: no POWER ON)', async (data, payloads) => {
    const { call, sent } = tasmota();
    void call('turn_on', 'light.kitchen_bulb_tasmota', data).catch(() => {});
    await Promise.resolve();
    expect(sent()).toEqual(payloads);
  });

  it('confirms a colour temperature when STATE reports it', async () => {
    const { mqtt, call, states } = tasmota();
    const pending = call('turn_on', 'light.kitchen_bulb_tasmota', { color_temp_kelvin: 4000 });
    await Promise.resolve();
    mqtt.deliver('tasmota_B94927/tele/STATE', {
      POWER: 'ON',
      Dimmer: 50,
      Color: '0,0,0,128,127',
      CT: 250,
      Scheme: 0,
    });
    await pending;
    expect(states.get('light.kitchen_bulb_tasmota')?.attributes).toMatchObject({
      color_mode: 'color_temp',
      color_temp_kelvin: 4000,
    });
  });

  it('turns off with POWER OFF', async () => {
    const { mqtt, call, sent } = tasmota();
    mqtt.onPublish = (topic) =>
      topic.endsWith('POWER') && mqtt.deliver('tasmota_B94927/tele/STATE', { POWER: 'OFF' });
    await call('turn_off', 'light.kitchen_bulb_tasmota');
    expect(sent()).toEqual(['tasmota_B94927/cmnd/POWER OFF']);
  });
});

describe('MQTT default light, as Tasmota announces an RGB + white bulb (Home Assistant test_white_state_update)', () => {
  it('reads the colour mode from a template, white or rgb', () => {
    const { mqtt, states } = setup();
    mqtt.deliver('homeassistant/light/t/config', {
      name: 'test',
      state_topic: 'tasmota_B94927/tele/STATE',
      command_topic: 'tasmota_B94927/cmnd/POWER',
      state_value_template: '{{ value_json.POWER }}',
      brightness_command_topic: 'tasmota_B94927/cmnd/Dimmer',
      brightness_state_topic: 'tasmota_B94927/tele/STATE',
      brightness_scale: 100,
      on_command_type: 'brightness',
      brightness_value_template: '{{ value_json.Dimmer }}',
      rgb_command_topic: 'tasmota_B94927/cmnd/Color2',
      rgb_state_topic: 'tasmota_B94927/tele/STATE',
      rgb_value_template: "{{value_json.Color.split(',')[0:3]|join(',')}}",
      white_command_topic: 'tasmota_B94927/cmnd/White',
      white_scale: 100,
      color_mode_state_topic: 'tasmota_B94927/tele/STATE',
      color_mode_value_template: '{% if value_json.White %} white {% else %} rgb {% endif %}',
    });
    mqtt.deliver('tasmota_B94927/tele/STATE', '{"POWER":"ON","Dimmer":50,"Color":"0,0,0,128","White":50}');
    expect(states.get('light.test')?.attributes).toMatchObject({
      supported_color_modes: ['rgb', 'white'],
      color_mode: 'white',
      brightness: 128,
      rgb_color: null,
    });
    mqtt.deliver('tasmota_B94927/tele/STATE', '{"POWER":"ON","Dimmer":50,"Color":"128,64,32,0","White":0}');
    expect(states.get('light.test')?.attributes).toMatchObject({
      color_mode: 'rgb',
      brightness: 128,
      rgb_color: [128, 64, 32],
    });
  });
});
