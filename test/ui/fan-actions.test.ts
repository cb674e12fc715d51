import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ceilingFan } from './entities.ts';
import { connectedHub } from './hub-harness.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const call = (service: string, service_data?: Record<string, unknown>) => ({
  domain: 'fan',
  service,
  ...(service_data && { service_data }),
  target: { entity_id: 'fan.ceiling' },
});

describe('fan actions', () => {
  it.each([
    ['turns off', (hub: Hub) => hub.store.toggle('fan.ceiling'), call('turn_off'), { state: 'off' }],
    [
      'sets a speed',
      (hub: Hub) => hub.store.setFanPercentage('fan.ceiling', 33.3),
      call('set_percentage', { percentage: 33 }),
      { state: 'on', attributes: { percentage: 33 } },
    ],
    [
      'sets speed 0 as off',
      (hub: Hub) => hub.store.setFanPercentage('fan.ceiling', 0),
      call('set_percentage', { percentage: 0 }),
      { state: 'off', attributes: { percentage: 0 } },
    ],
    [
      'sets a preset',
      (hub: Hub) => hub.store.setFanPreset('fan.ceiling', 'sleep'),
      call('set_preset_mode', { preset_mode: 'sleep' }),
      { state: 'on', attributes: { preset_mode: 'sleep' } },
    ],
    [
      'oscillates',
      (hub: Hub) => hub.store.setFanOscillating('fan.ceiling', true),
      call('oscillate', { oscillating: true }),
      { attributes: { oscillating: true } },
    ],
    [
      'reverses',
      (hub: Hub) => hub.store.setFanDirection('fan.ceiling', 'reverse'),
      call('set_direction', { direction: 'reverse' }),
      { attributes: { direction: 'reverse' } },
    ],
  ])('%s', async (_name, act, expected, pending) => {
    const hub = connectedHub({ 'fan.ceiling': ceilingFan });
    act(hub);
    expect(hub.lastCall()).toEqual(expected);
    expect(hub.slot('fan.ceiling').pending.value).toMatchObject(pending);

    await hub.fail('device_timeout', 'x');
    expect(hub.slot('fan.ceiling').pending.value).toBeNull();
    expect(hub.slot('fan.ceiling').view.value).toMatchObject({ state: 'on', attributes: ceilingFan.a });
  });

  it('settles a speed change on the confirmed percentage', async () => {
    const hub = connectedHub({ 'fan.ceiling': ceilingFan });
    hub.store.setFanPercentage('fan.ceiling', 100);
    await hub.confirm('fan.ceiling', { a: { ...ceilingFan.a, percentage: 100 } });
    expect(hub.slot('fan.ceiling').pending.value).toBeNull();
    expect(hub.slot('fan.ceiling').view.value.attributes.percentage).toBe(100);
  });
});

type Hub = ReturnType<typeof connectedHub>;
