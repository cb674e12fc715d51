import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lampLight } from './entities.ts';
import { connectedHub } from './hub-harness.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const lamp = () => connectedHub({ 'light.lamp': lampLight });

describe('light actions', () => {
  it('sends hs_color for a colour, shows it at once, and settles on the confirmed colour', async () => {
    const hub = lamp();
    hub.store.setLightColor('light.lamp', 200.4, 80);
    expect(hub.lastCall()).toEqual({
      domain: 'light',
      service: 'turn_on',
      service_data: { hs_color: [200, 80] },
      target: { entity_id: 'light.lamp' },
    });
    expect(hub.slot('light.lamp').pending.value).toMatchObject({
      state: 'on',
      attributes: { hs_color: [200, 80], color_mode: 'hs' },
    });

    await hub.confirm('light.lamp', { a: { ...lampLight.a, hs_color: [200, 80] } });
    expect(hub.slot('light.lamp').pending.value).toBeNull();
    expect(hub.slot('light.lamp').view.value.attributes.hs_color).toEqual([200, 80]);
  });

  it('sends color_temp_kelvin for white, and reverts with the message when the device times out', async () => {
    const hub = lamp();
    hub.store.setColorTemp('light.lamp', 2700);
    expect(hub.lastCall()).toMatchObject({ service: 'turn_on', service_data: { color_temp_kelvin: 2700 } });
    expect(hub.slot('light.lamp').pending.value?.attributes).toMatchObject({
      color_temp_kelvin: 2700,
      color_mode: 'color_temp',
    });

    await hub.fail('device_timeout', 'light.lamp did not confirm within 5000 ms');
    const slot = hub.slot('light.lamp');
    expect(slot.pending.value).toBeNull();
    expect(slot.view.value.attributes.color_mode).toBe('hs');
    expect(slot.error.value).toBe('The device did not respond in time');
  });

  it('keeps a brightness and a colour pending side by side, and lets a later colour replace an earlier one', async () => {
    const hub = lamp();
    hub.store.setBrightness('light.lamp', 90);
    hub.store.setLightColor('light.lamp', 10, 100);
    hub.store.setLightColor('light.lamp', 120, 100);
    expect(hub.slot('light.lamp').pending.value?.attributes).toEqual({
      brightness: 90,
      hs_color: [120, 100],
      color_mode: 'hs',
    });

    // The first colour's late failure belongs to a call the user already replaced: no message.
    await hub.fail('device_timeout', 'late', 1);
    expect(hub.slot('light.lamp').error.value).toBeNull();
    await hub.confirm('light.lamp', { a: { ...lampLight.a, brightness: 90 } }, 0);
    expect(hub.slot('light.lamp').pending.value?.attributes).toEqual({
      hs_color: [120, 100],
      color_mode: 'hs',
    });
  });

  it('turns the light off over a pending brightness: the toggle wins', () => {
    const hub = lamp();
    hub.store.setBrightness('light.lamp', 90);
    hub.store.toggle('light.lamp');
    expect(hub.lastCall()).toMatchObject({ service: 'turn_off' });
    expect(hub.slot('light.lamp').pending.value).toMatchObject({ state: 'off', attributes: {} });
  });
});
