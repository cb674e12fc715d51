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

/** Home Assistant's own template-schema test light: one comma-separated state, one template per property. */
const TEMPLATE_LIGHT = {
  schema: 'template',
  name: 'test',
  unique_id: 'tpl',
  command_topic: 'test_light_rgb/set',
  state_topic: 'test_light_rgb',
  command_on_template:
    'on,{{ brightness|d }},{{ color_temp|d }},{{ red|d }}-{{ green|d }}-{{ blue|d }},{{ flash|d }},{{ effect|d }}',
  command_off_template: 'off{% if transition is defined %},{{ transition|int }}{% endif %}',
  state_template: '{{ value.split(",")[0] }}',
  brightness_template: '{{ value.split(",")[1] }}',
  color_temp_template: '{{ value.split(",")[2] }}',
  red_template: '{{ value.split(",")[3].split("-")[0] }}',
  green_template: '{{ value.split(",")[3].split("-")[1] }}',
  blue_template: '{{ value.split(",")[3].split("-")[2] }}',
  effect_template: '{{ value.split(",")[4] }}',
  effect_list: ['rainbow', 'colorloop'],
};

function templateLight(config: Record<string, unknown> = TEMPLATE_LIGHT) {
  const hub = setup();
  hub.mqtt.deliver('homeassistant/light/tpl/config', config);
  // The device echoes what it is told, in the format its state template reads.
  hub.mqtt.onPublish = (topic, payload) => {
    if (topic !== 'test_light_rgb/set') return;
    const [state = '', brightness = '', temp = '', rgb = '--'] = payload.split(',');
    hub.mqtt.deliver('test_light_rgb', `${state},${brightness},${temp},${rgb},`);
  };
  return hub;
}

describe('MQTT template light', () => {
  it('derives its modes from its templates and reads each property with its own', () => {
    const { mqtt, states } = templateLight();
    expect(states.get('light.test')).toMatchObject({
      state: 'unknown',
      attributes: {
        supported_color_modes: ['color_temp', 'hs'],
        supported_features: 44,
        effect_list: ['rainbow', 'colorloop'],
        color_mode: null,
      },
    });
    mqtt.deliver('test_light_rgb', 'on,255,145,255-128-64,rainbow');
    expect(states.get('light.test')).toMatchObject({
      state: 'on',
      attributes: {
        color_mode: 'hs',
        brightness: 255,
        hs_color: [20.105, 74.902],
        rgb_color: [255, 128, 63],
        xy_color: [0.588, 0.358],
        color_temp_kelvin: null,
        effect: 'rainbow',
      },
    });
    mqtt.deliver('test_light_rgb', 'on,100,300,None-None-None,');
    expect(states.get('light.test')?.attributes).toMatchObject({
      color_mode: 'color_temp',
      brightness: 100,
      color_temp_kelvin: 3333,
      effect: 'rainbow',
    });
    mqtt.deliver('test_light_rgb', 'off,,,--,');
    expect(states.get('light.test')?.state).toBe('off');
  });

  it('logs values it cannot use and keeps the others', () => {
    const { mqtt, states, warnings } = templateLight();
    mqtt.deliver('test_light_rgb', 'on,bright,145,255-128-64,disco');
    expect(warnings).toEqual([
      expect.stringContaining('invalid brightness value "bright"'),
      expect.stringContaining('unsupported effect value "disco"'),
    ]);
    expect(states.get('light.test')?.attributes).toMatchObject({
      color_temp_kelvin: null,
      hs_color: [20.105, 74.902],
    });
    mqtt.deliver('test_light_rgb', 'sideways,0,,--,');
    expect(warnings.at(-1)).toContain('invalid state value "sideways"');
  });

  it.each([
    ['turn_on', {}, 'on,,,--,,'],
    ['turn_on', { brightness: 50 }, 'on,50,,--,,'],
    ['turn_on', { color_temp_kelvin: 4000 }, 'on,,250,--,,'],
    // With a brightness template, the colour goes at full level: the brightness travels apart.
    ['turn_on', { hs_color: [0, 50] }, 'on,,,255-127-127,,'],
    ['turn_on', { hs_color: [0, 50], brightness: 128 }, 'on,128,,255-127-127,,'],
    ['turn_on', { xy_color: [0.3, 0.3] }, 'on,,,224-227-255,,'],
    ['turn_on', { flash: 'short', effect: 'colorloop' }, 'on,,,--,short,colorloop'],
    ['turn_off', {}, 'off'],
    ['turn_off', { transition: 2 }, 'off,2'],
  ])('%s %j renders %s', async (service, data, payload) => {
    const { call, sent } = templateLight();
    await call(service, 'light.test', data);
    expect(sent()).toEqual([`test_light_rgb/set ${payload}`]);
  });

  it('dims the colour by the brightness when it has no brightness template', async () => {
    const { call, sent, states } = templateLight({
      ...TEMPLATE_LIGHT,
      state_topic: undefined,
      brightness_template: undefined,
    });
    await call('turn_on', 'light.test', { hs_color: [0, 50], brightness: 128 });
    expect(sent()).toEqual(['test_light_rgb/set on,128,,128-64-64,,']);
    expect(states.get('light.test')).toMatchObject({
      state: 'on',
      attributes: { assumed_state: true, color_mode: 'hs', hs_color: [0, 50], brightness: 128 },
    });
  });

  it('refuses a colour when it has no colour templates', async () => {
    const { call, sent } = templateLight({
      schema: 'template',
      name: 'test',
      command_topic: 'test_light_rgb/set',
      command_on_template: 'on',
      command_off_template: 'off',
      brightness_template: '{{ value }}',
    });
    await expect(call('turn_on', 'light.test', { rgb_color: [1, 2, 3] })).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining('service_data.rgb_color'),
    });
    expect(sent()).toEqual([]);
  });

  it('is not created without command templates', () => {
    const { mqtt, states, warnings } = setup();
    mqtt.deliver('homeassistant/light/tpl/config', { schema: 'Template', name: 'test', command_topic: 'x' });
    expect(states.get('light.test')).toBeUndefined();
    expect(warnings.at(-1)).toContain('config.command_on_template');
  });
});
