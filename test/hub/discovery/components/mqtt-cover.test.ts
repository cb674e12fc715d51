import { describe, expect, it } from 'vitest';
import type { Harness } from './component-harness.ts';
import { COMMAND_TIMEOUT_MS, startHarness } from './component-harness.ts';

// Zigbee2MQTT 2.x's discovery of a roller blind with position and tilt (its homeassistant extension).
const Z2M_STATE = 'zigbee2mqtt/Living Room Blind';
const z2mBlind = {
  availability: [{ topic: 'zigbee2mqtt/bridge/state', value_template: '{{ value_json.state }}' }],
  command_topic: `${Z2M_STATE}/set`,
  device: {
    identifiers: ['zigbee2mqtt_0x00158d0004e5a123'],
    manufacturer: 'Tuya',
    model: 'Curtain motor (TS0601_cover_1)',
    name: 'Living Room Blind',
    via_device: 'zigbee2mqtt_bridge_0x00124b00120144ae',
  },
  name: null,
  object_id: 'living_room_blind',
  origin: { name: 'Zigbee2MQTT', sw: '2.1.0', url: 'https://www.zigbee2mqtt.io' },
  position_template: '{{ value_json.position }}',
  position_topic: Z2M_STATE,
  set_position_template: '{ "position": {{ position }} }',
  set_position_topic: `${Z2M_STATE}/set`,
  state_closed: 'CLOSE',
  state_open: 'OPEN',
  state_stopped: 'STOP',
  state_topic: Z2M_STATE,
  tilt_command_topic: `${Z2M_STATE}/set/tilt`,
  tilt_status_template: '{{ value_json.tilt }}',
  tilt_status_topic: Z2M_STATE,
  unique_id: '0x00158d0004e5a123_cover_zigbee2mqtt',
  value_template: '{{ value_json.state }}',
};
const BLIND = 'cover.living_room_blind';

// A Shelly 2.5 in roller mode, written with abbreviated keys and the `~` base topic.
const shellyRoller = {
  '~': 'shellies/shellyswitch25-8CAAB5616291/',
  name: 'Shutter',
  uniq_id: 'shellyswitch25-8CAAB5616291-roller-0',
  cmd_t: '~roller/0/command',
  pos_t: '~roller/0/pos',
  set_pos_t: '~roller/0/command/pos',
  avty_t: '~online',
  pl_avail: 'true',
  pl_not_avail: 'false',
  pl_open: 'open',
  pl_cls: 'close',
  pl_stop: 'stop',
  dev_cla: 'Shutter',
  opt: false,
  dev: { ids: ['8CAAB5616291'], name: 'Bedroom', mf: 'Shelly', mdl: 'Shelly 2.5' },
};
const SHELLY = 'cover.bedroom_shutter';
const shelly = (path: string) => `shellies/shellyswitch25-8CAAB5616291/${path}`;

// A Tasmota shutter as the Tasmota docs configure it: Backlog commands, the position in RESULT.
const tasmotaShutter = {
  name: 'Kitchen Shutter',
  uniq_id: '4F2A1C_shutter_1',
  cmd_t: 'cmnd/tasmota_4F2A1C/Backlog',
  pl_open: 'ShutterOpen1',
  pl_cls: 'ShutterClose1',
  pl_stop: 'ShutterStop1',
  pos_t: 'stat/tasmota_4F2A1C/RESULT',
  pos_tpl: "{% if 'Shutter1' in value_json %}{{ value_json.Shutter1.Position }}{% endif %}",
  set_pos_t: 'cmnd/tasmota_4F2A1C/ShutterPosition1',
  avty_t: 'tele/tasmota_4F2A1C/LWT',
  pl_avail: 'Online',
  pl_not_avail: 'Offline',
  qos: 1,
};
const TASMOTA = 'cover.kitchen_shutter';

function withBlind(report: object = { state: 'OPEN', position: 50, tilt: 30 }): Harness {
  const hub = startHarness();
  hub.mqtt.deliver('homeassistant/cover/0x00158d0004e5a123/cover/config', z2mBlind);
  hub.mqtt.deliver('zigbee2mqtt/bridge/state', { state: 'online' });
  hub.mqtt.deliver(Z2M_STATE, report);
  hub.take();
  return hub;
}

function withCover(config: object, ...reports: [string, string | object][]): Harness {
  const hub = startHarness();
  hub.mqtt.deliver('homeassistant/cover/test/config', { name: 'Test', ...config });
  for (const [topic, payload] of reports) hub.mqtt.deliver(topic, payload);
  hub.take();
  return hub;
}

describe('MQTT cover: discovery', () => {
  it('builds a Zigbee2MQTT blind: state, position and tilt from one JSON topic, every feature', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/cover/0x00158d0004e5a123/cover/config', z2mBlind);
    expect(hub.states.get(BLIND)?.state).toBe('unavailable');
    hub.mqtt.deliver('zigbee2mqtt/bridge/state', { state: 'online' });
    expect(hub.states.get(BLIND)?.state).toBe('unknown');
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 50, tilt: 30, linkquality: 120 });
    expect(hub.states.get(BLIND)).toMatchObject({
      state: 'open',
      attributes: {
        current_position: 50,
        current_tilt_position: 30,
        supported_features: 255,
        friendly_name: 'Living Room Blind',
      },
    });
    hub.mqtt.deliver(Z2M_STATE, { state: 'CLOSE', position: 0, tilt: 0 });
    expect(hub.states.get(BLIND)).toMatchObject({
      state: 'closed',
      attributes: { current_position: 0, current_tilt_position: 0 },
    });
    expect(hub.warnings).toEqual([]);
  });

  it('builds a Shelly roller from abbreviated keys and ~: open/closed from the position alone', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/cover/8CAAB5616291/roller0/config', shellyRoller);
    hub.mqtt.deliver(shelly('online'), 'true');
    hub.mqtt.deliver(shelly('roller/0/pos'), '100');
    expect(hub.states.get(SHELLY)).toMatchObject({
      state: 'open',
      attributes: { current_position: 100, device_class: 'shutter', supported_features: 15 },
    });
    hub.mqtt.deliver(shelly('roller/0/pos'), '0');
    expect(hub.states.get(SHELLY)?.state).toBe('closed');
    // An uncalibrated Shelly reports -1: HA clamps it to 0.
    hub.mqtt.deliver(shelly('roller/0/pos'), '-1');
    expect(hub.states.get(SHELLY)).toMatchObject({ state: 'closed', attributes: { current_position: 0 } });
    hub.mqtt.deliver(shelly('online'), 'false');
    expect(hub.states.get(SHELLY)?.state).toBe('unavailable');
  });

  it('reads a Tasmota shutter position out of RESULT, ignoring the RESULTs of other commands', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/cover/4F2A1C/shutter1/config', tasmotaShutter);
    hub.mqtt.deliver('tele/tasmota_4F2A1C/LWT', 'Online');
    hub.mqtt.deliver('stat/tasmota_4F2A1C/RESULT', { Shutter1: { Position: 35, Direction: 0, Target: 35 } });
    hub.mqtt.deliver('stat/tasmota_4F2A1C/RESULT', { POWER1: 'ON' });
    expect(hub.states.get(TASMOTA)).toMatchObject({
      state: 'open',
      attributes: { current_position: 35, supported_features: 15 },
    });
    expect(hub.warnings).toEqual([]);
  });

  it('takes attributes from json_attributes_topic, but never the position HA blocks there', () => {
    const hub = withCover({ command_topic: 'c/set', json_attributes_topic: 'c/attr' }, [
      'c/attr',
      { battery: 80, current_position: 99, current_tilt_position: 5 },
    ]);
    const attributes = hub.states.get('cover.test')?.attributes;
    expect(attributes).toMatchObject({ battery: 80 });
    expect(attributes).not.toHaveProperty('current_position');
    expect(attributes).not.toHaveProperty('current_tilt_position');
  });

  it.each([
    ['a command topic alone: open, close, stop', { command_topic: 'c/set' }, 11],
    ['payload_stop: null disables stop', { command_topic: 'c/set', payload_stop: null }, 3],
    ['payload_open: null disables open', { command_topic: 'c/set', payload_open: null }, 10],
    [
      'a position topic pair adds set position',
      { command_topic: 'c/set', position_topic: 'c/pos', set_position_topic: 'c/pos/set' },
      15,
    ],
    ['a tilt command topic adds the four tilt features', { tilt_command_topic: 'c/tilt' }, 240],
    ['only a state topic: nothing to command', { state_topic: 'c' }, 0],
  ])('supported_features for %s', (_name, config, features) => {
    const hub = withCover(config);
    expect(hub.states.get('cover.test')?.attributes.supported_features).toBe(features);
  });

  it.each([
    [
      'set_position_topic without position_topic',
      { set_position_topic: 'c/set' },
      'config.set_position_topic',
    ],
    ['value_template without state_topic', { value_template: '{{ value }}' }, 'config.value_template'],
    [
      'tilt_status_template without its topic',
      { tilt_status_template: '{{ value }}' },
      'tilt_status_template',
    ],
    ['a device class HA does not know', { device_class: 'hatch' }, 'config.device_class'],
    ['position_open equal to position_closed', { position_open: 0 }, 'config.position_open'],
  ])('refuses a config with %s, as Home Assistant does', (_name, config, where) => {
    const hub = withCover({ command_topic: 'c/set', ...config });
    expect(hub.states.get('cover.test')).toBeUndefined();
    expect(hub.warnings).toEqual([expect.stringContaining(where)]);
  });
});

describe('MQTT cover: reports', () => {
  const stateOnly = { command_topic: 'c/set', state_topic: 'c' };
  it.each([
    ['opening, then stopped: open', stateOnly, ['opening', 'stopped'], 'open'],
    ['closing, then stopped: closed', stateOnly, ['closing', 'stopped'], 'closed'],
    ['None resets to unknown', stateOnly, ['open', 'None'], 'unknown'],
    ['an empty payload is ignored', stateOnly, ['closed', ''], 'closed'],
    [
      'stopped with a position topic: closed at 0',
      { ...stateOnly, position_topic: 'p' },
      ['opening', 'stopped'],
      'closed',
    ],
  ])('%s', (_name, config, payloads, expected) => {
    const hub = withCover(config);
    if ('position_topic' in config) hub.mqtt.deliver('p', '0');
    for (const payload of payloads) hub.mqtt.deliver('c', payload);
    expect(hub.states.get('cover.test')?.state).toBe(expected);
  });

  it.each([
    // [position_closed, position_open, device value, HA position]
    [0, 100, '37', 37],
    [0, 100, '37.9', 37],
    [100, 0, '30', 70],
    [100, 0, '0', 100],
    [0, 255, '128', 50],
    [0, 255, '255', 100],
    [10, 90, '50', 50],
    [0, 100, '140', 100],
  ])('scales a position from %i..%i: %s reads as %i', (closed, open, value, position) => {
    const hub = withCover({ position_topic: 'p', position_closed: closed, position_open: open }, [
      'p',
      value,
    ]);
    expect(hub.states.get('cover.test')?.attributes.current_position).toBe(position);
  });

  it('takes position and tilt from a position_template that returns JSON', () => {
    const hub = withCover(
      { position_topic: 'p', position_template: '{"position": {{ value_json.p }}, "tilt_position": 40}' },
      ['p', { p: 20 }],
    );
    expect(hub.states.get('cover.test')?.attributes).toMatchObject({
      current_position: 20,
      current_tilt_position: 40,
    });
  });

  it('scales tilt from tilt_min..tilt_max and refuses a tilt out of range', () => {
    const hub = withCover({ tilt_status_topic: 't', tilt_min: 0, tilt_max: 180 }, ['t', '90']);
    expect(hub.states.get('cover.test')?.attributes.current_tilt_position).toBe(50);
    hub.mqtt.deliver('t', '200');
    expect(hub.states.get('cover.test')?.attributes.current_tilt_position).toBe(50);
    expect(hub.warnings).toEqual([
      'cover.test: t (tilt): tilt 200 is out of range, must be between 0 and 180 inclusive',
    ]);
  });

  it('logs a bad payload or a failing template against the entity and keeps going', () => {
    const hub = withCover({
      state_topic: 's',
      position_topic: 'p',
      position_template: '{{ value_json.a.b }}',
    });
    hub.mqtt.deliver('s', 'ajar');
    hub.mqtt.deliver('p', '{}');
    hub.mqtt.deliver('s', 'open');
    expect(hub.states.get('cover.test')?.state).toBe('open');
    expect(hub.warnings).toEqual([
      'cover.test: s (state): state "ajar" is not open, closed, opening, closing or stopped',
      expect.stringMatching(/^cover\.test: p \(position\): .*undefined/),
    ]);
  });
});

describe('MQTT cover: services publish what Home Assistant publishes', () => {
  it.each([
    ['open_cover', {}, `${Z2M_STATE}/set OPEN`],
    ['close_cover', {}, `${Z2M_STATE}/set CLOSE`],
    ['stop_cover', {}, `${Z2M_STATE}/set STOP`],
    ['set_cover_position', { position: 42 }, `${Z2M_STATE}/set { "position": 42 }`],
    ['open_cover_tilt', {}, `${Z2M_STATE}/set/tilt 100`],
    ['close_cover_tilt', {}, `${Z2M_STATE}/set/tilt 0`],
    ['set_cover_tilt_position', { tilt_position: 65 }, `${Z2M_STATE}/set/tilt 65`],
  ])('Zigbee2MQTT %s %j publishes "%s"', (service, data, line) => {
    const hub = withBlind();
    hub.call('cover', service, BLIND, data);
    expect(hub.take()).toEqual([line]);
  });

  it.each([
    ['open_cover', {}, shelly('roller/0/command open')],
    ['close_cover', {}, shelly('roller/0/command close')],
    ['stop_cover', {}, shelly('roller/0/command stop')],
    ['set_cover_position', { position: 30 }, shelly('roller/0/command/pos 30')],
  ])('Shelly %s %j publishes "%s"', (service, data, line) => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/cover/8CAAB5616291/roller0/config', shellyRoller);
    hub.mqtt.deliver(shelly('online'), 'true');
    hub.take();
    hub.call('cover', service, SHELLY, data);
    expect(hub.take()).toEqual([line]);
  });

  it.each([
    ['0..255', { position_closed: 0, position_open: 255 }, 50, 'p/set 128'],
    ['0..255, a tie rounds to even', { position_closed: 0, position_open: 255 }, 10, 'p/set 26'],
    ['inverted 100..0', { position_closed: 100, position_open: 0 }, 30, 'p/set 70'],
    ['10..90', { position_closed: 10, position_open: 90 }, 50, 'p/set 50'],
  ])('scales set_cover_position to the device range %s', (_name, range, position, line) => {
    const hub = withCover({ position_topic: 'p', set_position_topic: 'p/set', ...range });
    hub.call('cover', 'set_cover_position', 'cover.test', { position });
    expect(hub.take()).toEqual([line]);
  });

  it("renders set_position_template with HA's variables: value is the device's, position the percentage", () => {
    const hub = withCover({
      position_topic: 'p',
      set_position_topic: 'p/set',
      position_open: 0,
      position_closed: 100,
      set_position_template:
        '{{ entity_id }} {{ value }} {{ position }} {{ position_open }} {{ position_closed }} {{ tilt_max }}',
    });
    hub.call('cover', 'set_cover_position', 'cover.test', { position: 25 });
    expect(hub.take()).toEqual(['p/set cover.test 75 25 0 100 100']);
  });

  it('renders tilt_command_template: value in the tilt range, tilt_position as HA passes it', () => {
    const hub = withCover({
      tilt_command_topic: 't/set',
      tilt_min: 0,
      tilt_max: 180,
      tilt_opened_value: 180,
      tilt_command_template: '{"tilt": {{ value }}, "asked": {{ tilt_position }}}',
    });
    hub.call('cover', 'set_cover_tilt_position', 'cover.test', { tilt_position: 50 });
    hub.call('cover', 'open_cover_tilt', 'cover.test');
    expect(hub.take()).toEqual(['t/set {"tilt": 90, "asked": 50}', 't/set {"tilt": 180, "asked": 180}']);
  });

  it('publishes nothing for stop_cover_tilt: the MQTT cover does not implement it', async () => {
    const hub = withBlind();
    await hub.call('cover', 'stop_cover_tilt', BLIND).done;
    expect(hub.take()).toEqual([]);
  });

  it('publishes with the configured qos and retain', () => {
    const hub = withCover({ command_topic: 'c/set', qos: 1, retain: true });
    hub.call('cover', 'open_cover', 'cover.test');
    expect(hub.mqtt.published.at(-1)).toMatchObject({ topic: 'c/set', options: { qos: 1, retain: true } });
  });
});

describe('MQTT cover: when a command resolves', () => {
  it('opens a Zigbee2MQTT blind: pending while it moves, resolved at position 100, with the call context', async () => {
    const hub = withBlind({ state: 'CLOSE', position: 0 });
    const call = hub.call('cover', 'open_cover', BLIND);
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 0 });
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 60 });
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 100 });
    const context = await call.done;
    expect(hub.states.get(BLIND)).toMatchObject({
      state: 'open',
      attributes: { current_position: 100 },
      context,
    });
  });

  it('closes a cover that reports only its state: pending at closing, resolved at closed', async () => {
    const hub = withCover({ command_topic: 'c/set', state_topic: 'c' }, ['c', 'open']);
    const call = hub.call('cover', 'close_cover', 'cover.test');
    hub.mqtt.deliver('c', 'closing');
    expect(hub.states.get('cover.test')?.state).toBe('closing');
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver('c', 'closed');
    expect(await call.settled()).toBe('resolved');
  });

  it('resolves stop_cover on the first report that is not moving', async () => {
    const hub = withCover({ command_topic: 'c/set', state_topic: 'c' }, ['c', 'opening']);
    const call = hub.call('cover', 'stop_cover', 'cover.test');
    hub.mqtt.deliver('c', 'opening');
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver('c', 'stopped');
    expect(await call.settled()).toBe('resolved');
    expect(hub.states.get('cover.test')?.state).toBe('open');
  });

  it('resolves set_cover_position within one of the target', async () => {
    const hub = withBlind();
    const call = hub.call('cover', 'set_cover_position', BLIND, { position: 30 });
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 40 });
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 31 });
    expect(await call.settled()).toBe('resolved');
  });

  it('resolves a tilt command when the tilt is reported', async () => {
    const hub = withBlind();
    const call = hub.call('cover', 'set_cover_tilt_position', BLIND, { tilt_position: 70 });
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 50, tilt: 30 });
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 50, tilt: 70 });
    expect(await call.settled()).toBe('resolved');
  });

  it('answers device_timeout when the cover never gets there', async () => {
    const hub = withBlind();
    const call = hub.call('cover', 'close_cover', BLIND);
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 20 });
    hub.clock.advance(COMMAND_TIMEOUT_MS);
    await expect(call.done).rejects.toMatchObject({ code: 'device_timeout' });
  });

  it('waits for a slow blind past the timeout while it reports positions nearer the target', async () => {
    const hub = withBlind({ state: 'CLOSE', position: 0 });
    const call = hub.call('cover', 'open_cover', BLIND);
    for (let position = 10; position < 100; position += 10) {
      hub.clock.advance(COMMAND_TIMEOUT_MS - 1);
      hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position });
    }
    expect(await call.settled()).toBe('pending');
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 100 });
    expect(await call.settled()).toBe('resolved');
  });

  it('waits while a cover without a position reports closing, and times out when the reports stop', async () => {
    const hub = withCover({ command_topic: 'c/set', state_topic: 'c' }, ['c', 'open']);
    const call = hub.call('cover', 'close_cover', 'cover.test');
    for (let i = 0; i < 3; i++) {
      hub.clock.advance(COMMAND_TIMEOUT_MS - 1);
      hub.mqtt.deliver('c', 'closing');
    }
    expect(await call.settled()).toBe('pending');
    hub.clock.advance(COMMAND_TIMEOUT_MS);
    await expect(call.done).rejects.toMatchObject({ code: 'device_timeout' });
  });

  it('does not count a blind moving away from the target, or standing still, as progress', async () => {
    const hub = withBlind();
    const call = hub.call('cover', 'set_cover_position', BLIND, { position: 80 });
    hub.clock.advance(COMMAND_TIMEOUT_MS / 2);
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 40 });
    hub.clock.advance(COMMAND_TIMEOUT_MS / 2 - 1);
    hub.mqtt.deliver(Z2M_STATE, { state: 'OPEN', position: 50 });
    hub.clock.advance(1);
    await expect(call.done).rejects.toMatchObject({ code: 'device_timeout' });
  });

  it('is optimistic with only a command topic: confirmed at once, the state set with the call context', async () => {
    const hub = withCover({ command_topic: 'c/set' });
    const context = await hub.call('cover', 'close_cover', 'cover.test').done;
    expect(hub.take()).toEqual(['c/set CLOSE']);
    expect(hub.states.get('cover.test')).toMatchObject({ state: 'closed', context });
  });

  it('applies an optimistic position as HA does, open or closed from it', async () => {
    const hub = withCover({ optimistic: true, position_topic: 'p', set_position_topic: 'p/set' });
    await hub.call('cover', 'set_cover_position', 'cover.test', { position: 40 }).done;
    expect(hub.states.get('cover.test')).toMatchObject({
      state: 'open',
      attributes: { current_position: 40 },
    });
    await hub.call('cover', 'set_cover_position', 'cover.test', { position: 0 }).done;
    expect(hub.states.get('cover.test')?.state).toBe('closed');
  });

  it('applies tilt at once without a tilt status topic, while the state still waits for the device', async () => {
    const hub = withCover({ command_topic: 'c/set', state_topic: 'c', tilt_command_topic: 't/set' }, [
      'c',
      'open',
    ]);
    await hub.call('cover', 'close_cover_tilt', 'cover.test').done;
    expect(hub.states.get('cover.test')?.attributes.current_tilt_position).toBe(0);
    const close = hub.call('cover', 'close_cover', 'cover.test');
    expect(await close.settled()).toBe('pending');
  });
});

describe('MQTT cover: toggle', () => {
  it.each([
    ['closed: opens', ['closed'], 'c/set OPEN'],
    ['open: closes', ['open'], 'c/set CLOSE'],
    ['opening: stops', ['opening'], 'c/set STOP'],
    [
      'stopped after closing: opens, against the last direction',
      ['closing', 'stopped', 'open'],
      'c/set OPEN',
    ],
  ])('cover.toggle when %s', (_name, payloads, line) => {
    const hub = withCover({ command_topic: 'c/set', state_topic: 'c' });
    for (const payload of payloads) hub.mqtt.deliver('c', payload);
    hub.call('cover', 'toggle', 'cover.test');
    expect(hub.take()).toEqual([line]);
  });

  it.each([
    ['at the closed tilt: opens', '0', 't/set 100'],
    ['tilted open: closes', '60', 't/set 0'],
  ])('cover.toggle_cover_tilt %s', (_name, tilt, line) => {
    const hub = withCover({ tilt_command_topic: 't/set', tilt_status_topic: 't' }, ['t', tilt]);
    hub.call('cover', 'toggle_cover_tilt', 'cover.test');
    expect(hub.take()).toEqual([line]);
  });
});

describe('MQTT cover: refused calls', () => {
  it.each([
    ['set_cover_position', { position: 150 }, 'service_data.position: must be 0..100, got 150'],
    ['set_cover_position', { position: 'half' }, 'service_data.position: must be a number, got "half"'],
    ['set_cover_position', {}, 'service_data.position'],
    ['set_cover_tilt_position', { tilt_position: -5 }, 'service_data.tilt_position: must be 0..100, got -5'],
    ['open_cover', { speed: 2 }, 'speed'],
  ])(
    '%s %j is a service_validation_error naming the field, before anything is sent',
    async (service, data, message) => {
      const hub = withBlind();
      await expect(hub.call('cover', service, BLIND, data).done).rejects.toMatchObject({
        code: 'service_validation_error',
        message: expect.stringContaining(message),
      });
      expect(hub.take()).toEqual([]);
    },
  );

  it('refuses a service the cover does not support', async () => {
    const hub = withCover({ command_topic: 'c/set', payload_stop: null });
    for (const service of ['stop_cover', 'set_cover_position', 'open_cover_tilt']) {
      await expect(
        hub.call('cover', service, 'cover.test', service === 'set_cover_position' ? { position: 1 } : {})
          .done,
      ).rejects.toMatchObject({
        code: 'service_validation_error',
        message: `Entity cover.test does not support action cover.${service}`,
      });
    }
    expect(hub.take()).toEqual([]);
  });

  it('takes a numeric string or a float position as vol.Coerce(int) does', async () => {
    const hub = withCover({ optimistic: true, position_topic: 'p', set_position_topic: 'p/set' });
    await hub.call('cover', 'set_cover_position', 'cover.test', { position: '40' }).done;
    await hub.call('cover', 'set_cover_position', 'cover.test', { position: 40.7 }).done;
    expect(hub.take()).toEqual(['p/set 40', 'p/set 40']);
  });
});
