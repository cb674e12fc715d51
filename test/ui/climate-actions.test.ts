import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { thermostat } from './entities.ts';
import { connectedHub } from './hub-harness.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const setpoint = (hub: ReturnType<typeof connectedHub>) =>
  hub.slot('climate.living').pending.value?.attributes.temperature ??
  hub.slot('climate.living').view.value.attributes.temperature;

describe('climate actions', () => {
  it('shows each − / + press at once and sends one set_temperature 600 ms after the last', async () => {
    const hub = connectedHub({ 'climate.living': thermostat });
    hub.store.stepTemperature('climate.living', 1);
    hub.store.stepTemperature('climate.living', 1);
    expect(setpoint(hub)).toBe(22);
    vi.advanceTimersByTime(599);
    hub.store.stepTemperature('climate.living', -1);
    expect(setpoint(hub)).toBe(21.5);
    expect(hub.slot('climate.living').pending.value).toMatchObject({ service: 'set_temperature' });
    expect(hub.calls()).toEqual([]);

    vi.advanceTimersByTime(599);
    expect(hub.calls()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(hub.calls()).toEqual([
      {
        domain: 'climate',
        service: 'set_temperature',
        service_data: { temperature: 21.5 },
        target: { entity_id: 'climate.living' },
      },
    ]);

    await hub.confirm('climate.living', { a: { ...thermostat.a, temperature: 21.5 } });
    expect(hub.slot('climate.living').pending.value).toBeNull();
    expect(setpoint(hub)).toBe(21.5);
  });

  it('stays within max_temp and moves by target_temp_step', () => {
    const hub = connectedHub({ 'climate.living': thermostat });
    for (let i = 0; i < 5; i++) hub.store.stepTemperature('climate.living', 1);
    expect(setpoint(hub)).toBe(22);
    hub.store.stepTemperature('climate.living', -1);
    expect(setpoint(hub)).toBe(21.5);
  });

  it('steps by 0.5 when the entity has no target_temp_step, and clamps to min_temp', () => {
    const { target_temp_step: _step, ...attributes } = thermostat.a;
    const hub = connectedHub({ 'climate.living': { ...thermostat, a: { ...attributes, temperature: 7.5 } } });
    hub.store.stepTemperature('climate.living', -1);
    hub.store.stepTemperature('climate.living', -1);
    expect(setpoint(hub)).toBe(7);
  });

  it('reverts to the confirmed setpoint with the validation message when the hub refuses', async () => {
    const hub = connectedHub({ 'climate.living': thermostat });
    hub.store.stepTemperature('climate.living', -1);
    vi.advanceTimersByTime(600);
    await hub.fail(
      'service_validation_error',
      'Provided temperature 20.5 is not valid. Accepted range is 7 to 22.',
    );
    expect(setpoint(hub)).toBe(21);
    expect(hub.slot('climate.living').error.value).toBe(
      'Provided temperature 20.5 is not valid. Accepted range is 7 to 22.',
    );
  });

  it('starts a new command for presses after the first one was sent; only the latest settles', async () => {
    const hub = connectedHub({ 'climate.living': thermostat });
    hub.store.stepTemperature('climate.living', 1);
    vi.advanceTimersByTime(600);
    hub.store.stepTemperature('climate.living', 1);
    expect(setpoint(hub)).toBe(22);
    await hub.confirm('climate.living', { a: { ...thermostat.a, temperature: 21.5 } }, 0);
    expect(setpoint(hub)).toBe(22);
    vi.advanceTimersByTime(600);
    expect(hub.calls().map((call) => (call.service_data as { temperature: number }).temperature)).toEqual([
      21.5, 22,
    ]);
  });

  it('sets the HVAC mode (the state), a preset and a fan mode, each pending on its own', async () => {
    const hub = connectedHub({ 'climate.living': thermostat });
    hub.store.setHvacMode('climate.living', 'cool');
    hub.store.setClimatePreset('climate.living', 'eco');
    hub.store.setClimateFanMode('climate.living', 'high');
    expect(hub.calls()).toEqual([
      {
        domain: 'climate',
        service: 'set_hvac_mode',
        service_data: { hvac_mode: 'cool' },
        target: { entity_id: 'climate.living' },
      },
      {
        domain: 'climate',
        service: 'set_preset_mode',
        service_data: { preset_mode: 'eco' },
        target: { entity_id: 'climate.living' },
      },
      {
        domain: 'climate',
        service: 'set_fan_mode',
        service_data: { fan_mode: 'high' },
        target: { entity_id: 'climate.living' },
      },
    ]);
    expect(hub.slot('climate.living').pending.value).toMatchObject({
      state: 'cool',
      attributes: { preset_mode: 'eco', fan_mode: 'high' },
    });

    await hub.fail('device_timeout', 'no answer', 0);
    expect(hub.slot('climate.living').pending.value).toMatchObject({
      attributes: { preset_mode: 'eco', fan_mode: 'high' },
    });
    expect(hub.slot('climate.living').pending.value?.state).toBeUndefined();
    expect(hub.slot('climate.living').error.value).toBe('The device did not respond in time');
  });
});
