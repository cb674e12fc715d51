import { describe, expect, it } from 'vitest';
import { type LightState, SimulatedLight } from '../../../device-sim/devices/light.ts';
import { systemSimClock } from '../../../device-sim/sim-clock.ts';
import type { DeviceContext } from '../../../device-sim/simulated-device.ts';
import { seededRandom } from '../manual-clock.ts';

const context: DeviceContext = { clock: systemSimClock, random: seededRandom(1), pace: 1 };

function colourLight(initial: Partial<LightState> = {}): SimulatedLight {
  return new SimulatedLight(
    { name: 'lamp', friendlyName: 'Lamp', area: 'Den', color: true, initial },
    context,
  );
}

function dimmableLight(initial: Partial<LightState> = {}): SimulatedLight {
  return new SimulatedLight(
    { name: 'ceiling', friendlyName: 'Ceiling', area: 'Den', color: false, initial },
    context,
  );
}

describe('SimulatedLight', () => {
  it.each([
    ['turns on with a JSON state', { state: 'OFF' }, '{"state":"ON"}', { state: 'ON', brightness: 200 }],
    [
      'turns off and keeps the brightness',
      { state: 'ON', brightness: 90 },
      '{"state":"OFF"}',
      { state: 'OFF', brightness: 90 },
    ],
    [
      'restores the previous brightness on a plain ON',
      { state: 'OFF', brightness: 42 },
      '{"state":"ON"}',
      { state: 'ON', brightness: 42 },
    ],
    [
      'sets the brightness and turns on',
      { state: 'OFF' },
      '{"state":"ON","brightness":128}',
      { state: 'ON', brightness: 128 },
    ],
    [
      'turns on when only a brightness is sent',
      { state: 'OFF' },
      '{"brightness":7}',
      { state: 'ON', brightness: 7 },
    ],
    [
      'reads brightness 0 as off',
      { state: 'ON', brightness: 50 },
      '{"brightness":0}',
      { state: 'OFF', brightness: 50 },
    ],
    ['toggles', { state: 'ON' }, '{"state":"TOGGLE"}', { state: 'OFF', brightness: 200 }],
    ['accepts a bare ON, as Zigbee2MQTT does', { state: 'OFF' }, 'ON', { state: 'ON', brightness: 200 }],
    [
      'accepts a transition and applies at once',
      { state: 'OFF' },
      '{"state":"ON","transition":2}',
      { state: 'ON', brightness: 200 },
    ],
    [
      'ignores colour keys it does not support',
      { state: 'OFF' },
      '{"state":"ON","color_temp":300}',
      { state: 'ON', brightness: 200 },
    ],
  ])('dimmable light %s', (_name, initial, payload, expected) => {
    const light = dimmableLight(initial as Partial<LightState>);
    expect(light.handleCommand(payload)).toEqual({ ok: true });
    expect(light.state).toEqual(expected);
  });

  it('switches the colour light to hs mode on a colour command', () => {
    const light = colourLight();
    expect(light.handleCommand('{"state":"ON","brightness":128,"color":{"h":30,"s":80}}')).toEqual({
      ok: true,
    });
    expect(light.state).toEqual({
      state: 'ON',
      brightness: 128,
      color_mode: 'hs',
      color: { h: 30, s: 80 },
      color_temp: 370,
    });
  });

  it('switches the colour light to color_temp mode and clamps mireds to its range', () => {
    const light = colourLight({ color_mode: 'hs' });
    light.handleCommand('{"state":"ON","color_temp":900}');
    expect(light.state).toMatchObject({ state: 'ON', color_mode: 'color_temp', color_temp: 500 });
    light.handleCommand('{"color_temp":250.4}');
    expect(light.state).toMatchObject({ color_temp: 250 });
  });

  it('announces the json schema with the colour modes it supports', () => {
    const [message] = colourLight().discoveryMessages();
    expect(message?.topic).toBe('homeassistant/light/lamp/light/config');
    expect(message?.config).toMatchObject({
      schema: 'json',
      state_topic: 'hearth/lamp',
      command_topic: 'hearth/lamp/set',
      brightness: true,
      brightness_scale: 255,
      supported_color_modes: ['color_temp', 'hs'],
      min_mireds: 153,
      max_mireds: 500,
      object_id: 'lamp',
      availability: [{ topic: 'hearth/lamp/availability' }],
    });
    expect(dimmableLight().discoveryMessages()[0]?.config).toMatchObject({
      supported_color_modes: ['brightness'],
    });
  });

  it('publishes its whole state after every command, also when nothing changed', () => {
    const light = dimmableLight({ state: 'ON' });
    let published = 0;
    light.onState(() => published++);
    light.handleCommand('{"state":"ON"}');
    light.handleCommand('{"state":"ON"}');
    expect(published).toBe(2);
  });

  it.each([
    ['garbage', 'not json {', /state/],
    ['broken JSON', '{"state":', /not JSON/],
    ['a JSON array', '[1,2]', /state/],
    ['brightness out of range', '{"brightness":300}', /brightness/],
    ['brightness of the wrong type', '{"brightness":"full"}', /brightness/],
    ['an unknown state word', '{"state":"DIM"}', /state/],
    ['a colour without hue', '{"color":{"x":0.3,"y":0.3}}', /color\.h/],
    ['an empty payload', '  ', /empty/],
  ])('rejects %s without changing or publishing anything', (_name, payload, reason) => {
    const light = colourLight({ state: 'ON', brightness: 99 });
    const before = light.state;
    let published = 0;
    light.onState(() => published++);
    const result = light.handleCommand(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
    expect(light.state).toBe(before);
    expect(published).toBe(0);
  });

  it('drops commands while unreachable', () => {
    const light = dimmableLight();
    light.setReachable(false);
    expect(light.handleCommand('{"state":"ON"}')).toEqual({ ok: false, reason: 'device unreachable' });
    expect(light.state.state).toBe('OFF');
    light.setReachable(true);
    light.handleCommand('{"state":"ON"}');
    expect(light.state.state).toBe('ON');
  });

  it('hands out a state that cannot be changed from outside', () => {
    const light = dimmableLight();
    expect(Object.isFrozen(light.state)).toBe(true);
  });
});
