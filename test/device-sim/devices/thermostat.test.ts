import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SimulatedThermostat,
  type ThermostatState,
  type ThermostatVariant,
} from '../../../device-sim/devices/thermostat.ts';
import { LivelinessTicker } from '../../../device-sim/liveliness-ticker.ts';
import { systemSimClock } from '../../../device-sim/sim-clock.ts';
import { seededRandom } from '../manual-clock.ts';

function thermostat(variant: ThermostatVariant, initial: Partial<ThermostatState> = {}): SimulatedThermostat {
  return new SimulatedThermostat(
    { name: 'stat', friendlyName: 'Stat', area: 'Den', variant, initial },
    { clock: systemSimClock, random: seededRandom(3), pace: 1 },
  );
}

describe('SimulatedThermostat', () => {
  it.each<[string, ThermostatVariant, Partial<ThermostatState>, string, Partial<ThermostatState>]>([
    [
      'heats toward a higher setpoint, on the 0.5 step',
      'radiator-valve',
      { local_temperature: 20, current_heating_setpoint: 20 },
      '{"current_heating_setpoint":22.3}',
      { current_heating_setpoint: 22.5, running_state: 'heat', preset: 'none' },
    ],
    [
      'idles once the room is warm enough',
      'radiator-valve',
      { local_temperature: 21 },
      '{"current_heating_setpoint":19}',
      { running_state: 'idle' },
    ],
    [
      'stops in off mode',
      'radiator-valve',
      { local_temperature: 15 },
      '{"system_mode":"off"}',
      { system_mode: 'off', running_state: 'idle' },
    ],
    [
      'takes a preset and its setpoint',
      'radiator-valve',
      {},
      '{"preset":"eco"}',
      { preset: 'eco', current_heating_setpoint: 17 },
    ],
    [
      'boosts',
      'radiator-valve',
      { local_temperature: 20 },
      '{"preset":"boost"}',
      { current_heating_setpoint: 25, running_state: 'heat' },
    ],
    [
      'heats in auto on a valve, never cools',
      'radiator-valve',
      { local_temperature: 28 },
      '{"system_mode":"auto"}',
      { system_mode: 'auto', running_state: 'idle' },
    ],
    [
      'cools on the air conditioner',
      'air-conditioner',
      { local_temperature: 27, current_heating_setpoint: 24 },
      '{"system_mode":"cool"}',
      { running_state: 'cool' },
    ],
    ['runs the fan only', 'air-conditioner', {}, '{"system_mode":"fan_only"}', { running_state: 'fan_only' }],
    ['sets the fan', 'air-conditioner', {}, '{"fan_mode":"high"}', { fan_mode: 'high' }],
    ['reads a mode in capitals', 'radiator-valve', {}, '{"system_mode":"HEAT"}', { system_mode: 'heat' }],
  ])('%s', (_name, variant, initial, payload, expected) => {
    const device = thermostat(variant, initial);
    expect(device.handleCommand(payload)).toEqual({ ok: true });
    expect(device.state).toMatchObject(expected);
  });

  it.each<[string, ThermostatVariant, string, RegExp]>([
    ['a setpoint above the maximum', 'radiator-valve', '{"current_heating_setpoint":35}', /outside 5\.\.30/],
    ['a mode the valve lacks', 'radiator-valve', '{"system_mode":"cool"}', /no mode "cool"/],
    ['an unknown preset', 'radiator-valve', '{"preset":"party"}', /no preset "party"/],
    ['a fan mode on a valve', 'radiator-valve', '{"fan_mode":"low"}', /no fan mode "low"/],
    ['a setpoint that is not a number', 'air-conditioner', '{"current_heating_setpoint":"warm"}', /expected/],
  ])('refuses %s and changes nothing', (_name, variant, payload, reason) => {
    const device = thermostat(variant);
    const before = device.state;
    const result = device.handleCommand(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
    expect(device.state).toBe(before);
  });

  it('clears the preset to none', () => {
    const device = thermostat('radiator-valve', { preset: 'eco' });
    device.handleCommand('{"preset":"none"}');
    expect(device.state.preset).toBe('none');
  });

  describe('as time passes (vi.useFakeTimers)', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('warms the room toward the target while heating, then idles and cools back toward ambient', () => {
      const device = thermostat('radiator-valve', { local_temperature: 19, current_heating_setpoint: 20 });
      const reports: ThermostatState[] = [];
      device.onState(() => reports.push(device.state));
      const ticker = new LivelinessTicker([device], systemSimClock, () => {});
      ticker.start();
      vi.advanceTimersByTime(60_000);
      // 0.1 °C every 5 s from 19 °C: 20 °C after about 50 s, then idle.
      expect(device.state).toMatchObject({ local_temperature: 20, running_state: 'idle' });
      const temperatures = reports.map((report) => report.local_temperature);
      expect(temperatures.slice(0, 3)).toEqual([19.1, 19.2, 19.3]);
      const idle = reports.findIndex((report) => report.running_state === 'idle');
      expect(idle).toBe(temperatures.indexOf(20));
      vi.advanceTimersByTime(5 * 60_000);
      // Idle, the room cools toward the valve's 17 °C ambient, 0.1 °C every 15 s; at 19.7 °C it heats again.
      const after = reports.slice(idle);
      expect(Math.min(...after.map((report) => report.local_temperature))).toBeCloseTo(19.7, 5);
      expect(after.some((report) => report.running_state === 'heat')).toBe(true);
      ticker.stop();
    });

    it('cools the office toward the target on the air conditioner', () => {
      const device = thermostat('air-conditioner', { local_temperature: 26, current_heating_setpoint: 25 });
      const ticker = new LivelinessTicker([device], systemSimClock, () => {});
      ticker.start();
      vi.advanceTimersByTime(30_000);
      expect(device.state.local_temperature).toBeLessThan(26);
      ticker.stop();
    });
  });

  it('announces a climate entity with its modes, presets, fan modes and step', () => {
    expect(thermostat('air-conditioner').entities).toEqual([
      {
        component: 'climate',
        key: 'climate',
        name: null,
        modes: ['off', 'heat', 'cool', 'auto', 'fan_only'],
        presets: ['eco', 'boost', 'sleep'],
        fanModes: ['auto', 'low', 'medium', 'high'],
        minTemp: 16,
        maxTemp: 30,
        step: 0.5,
      },
    ]);
  });
});
