import { describe, expect, it } from 'vitest';
import { type FanState, SimulatedFan } from '../../../device-sim/devices/fan.ts';
import { systemSimClock } from '../../../device-sim/sim-clock.ts';
import { seededRandom } from '../manual-clock.ts';

function fan(initial: Partial<FanState> = {}, features = true): SimulatedFan {
  return new SimulatedFan(
    { name: 'fan', friendlyName: 'Fan', area: 'Den', oscillation: features, direction: features, initial },
    { clock: systemSimClock, random: seededRandom(5), pace: 1 },
  );
}

describe('SimulatedFan', () => {
  it.each<[string, Partial<FanState>, string, Partial<FanState>]>([
    ['turns on at its lowest speed the first time', {}, 'ON', { fan_state: 'ON', fan_mode: 'low' }],
    [
      'turns off',
      { fan_state: 'ON', fan_mode: 'high' },
      '{"fan_state":"OFF"}',
      { fan_state: 'OFF', fan_mode: 'off' },
    ],
    ['sets a speed and turns on', {}, '{"fan_mode":"medium"}', { fan_state: 'ON', fan_mode: 'medium' }],
    [
      'reads speed off as off',
      { fan_state: 'ON', fan_mode: 'low' },
      '{"fan_mode":"off"}',
      { fan_state: 'OFF' },
    ],
    ['takes a preset', {}, '{"fan_mode":"auto"}', { fan_state: 'ON', fan_mode: 'auto' }],
    ['oscillates', {}, '{"oscillating":true}', { oscillating: true }],
    [
      'oscillates on ESPHome words',
      { oscillating: true },
      '{"oscillating":"TOGGLE"}',
      { oscillating: false },
    ],
    ['reverses', {}, '{"direction":"reverse"}', { direction: 'reverse' }],
    ['toggles its direction', { direction: 'reverse' }, '{"direction":"toggle"}', { direction: 'forward' }],
  ])('%s', (_name, initial, payload, expected) => {
    const device = fan(initial);
    expect(device.handleCommand(payload)).toEqual({ ok: true });
    expect(device.state).toMatchObject(expected);
  });

  it('comes back at its last speed after OFF then ON', () => {
    const device = fan();
    device.handleCommand('{"fan_mode":"high"}');
    device.handleCommand('OFF');
    device.handleCommand('ON');
    expect(device.state).toMatchObject({ fan_state: 'ON', fan_mode: 'high' });
  });

  it.each([
    ['an unknown speed', '{"fan_mode":"turbo"}', /no mode "turbo"/],
    ['oscillation on a fan without it', '{"oscillating":true}', /does not oscillate/],
    ['a direction on a fan without it', '{"direction":"reverse"}', /one way/],
  ])('refuses %s', (_name, payload, reason) => {
    const result = fan({}, false).handleCommand(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('announces its speeds, presets, oscillation and direction', () => {
    expect(fan().entities[0]).toEqual({
      component: 'fan',
      key: 'fan',
      name: null,
      speeds: ['low', 'medium', 'high'],
      presets: ['auto'],
      oscillation: true,
      direction: true,
    });
  });
});
