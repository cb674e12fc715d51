import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimulatedCover } from '../../device-sim/devices/cover.ts';
import { SimulatedFan } from '../../device-sim/devices/fan.ts';
import { SimulatedLight } from '../../device-sim/devices/light.ts';
import { LOCK_TRAVEL_MS, SimulatedLock } from '../../device-sim/devices/lock.ts';
import { SimulatedPlug } from '../../device-sim/devices/switch-with-power.ts';
import { SimulatedThermostat } from '../../device-sim/devices/thermostat.ts';
import { LivelinessTicker } from '../../device-sim/liveliness-ticker.ts';
import { systemSimClock } from '../../device-sim/sim-clock.ts';
import { type DeviceContext, RESTART_MS, type SimulatedDevice } from '../../device-sim/simulated-device.ts';
import { EXTRAS } from './dialects/every-kind.ts';
import { seededRandom } from './manual-clock.ts';

const lines: string[] = [];
const context = (): DeviceContext => ({
  clock: systemSimClock,
  random: seededRandom(8),
  pace: 1,
  log: (line) => lines.push(line),
});

const light = (extras = EXTRAS) =>
  new SimulatedLight(
    {
      name: 'lamp',
      friendlyName: 'Lamp',
      area: 'Den',
      color: false,
      initial: { state: 'ON', brightness: 100 },
      extras,
    },
    context(),
  );

/** Every availability change and publish, in order: `online`, `offline`, `command`, `report`, … */
function transcript(device: SimulatedDevice): string[] {
  const events: string[] = [];
  device.onState((reason) => events.push(reason));
  device.onAvailability((online) => events.push(online ? 'online' : 'offline'));
  return events;
}

describe('SimulatedDevice faults (vi.useFakeTimers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    lines.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('drop: refuses commands, stays online, and reports nothing, not even on its own', () => {
    const plug = new SimulatedPlug(
      { name: 'plug', friendlyName: 'Plug', area: 'Den', loadWatts: 50, initiallyOn: true },
      context(),
    );
    const events = transcript(plug);
    plug.setFault({ kind: 'drop' });
    expect(plug.reachable).toBe(false);
    expect(plug.online).toBe(true);
    expect(plug.handleCommand('OFF')).toEqual({ ok: false, reason: 'device unreachable' });
    const ticker = new LivelinessTicker([plug], systemSimClock, () => {});
    ticker.start();
    vi.advanceTimersByTime(60_000);
    ticker.stop();
    expect(events).toEqual([]);
    // setReachable is the same fault.
    plug.setReachable(true);
    expect(plug.fault).toEqual({ kind: 'none' });
    plug.setReachable(false);
    expect(plug.fault).toEqual({ kind: 'drop' });
  });

  it('delay: accepts at once, acts and reports only after the delay', () => {
    const lamp = light([]);
    const events = transcript(lamp);
    lamp.setFault({ kind: 'delay', ms: 2000 });
    expect(lamp.handleCommand('{"brightness":50}')).toEqual({ ok: true, delayedMs: 2000 });
    vi.advanceTimersByTime(1999);
    expect(lamp.state.brightness).toBe(100);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(lamp.state.brightness).toBe(50);
    expect(events).toEqual(['command']);
  });

  it('delay: logs a delayed command the device then refuses', () => {
    const lamp = light([]);
    lamp.setFault({ kind: 'delay', ms: 10 });
    expect(lamp.handleCommand('{"brightness":999}').ok).toBe(true);
    vi.advanceTimersByTime(10);
    expect(lines).toEqual([
      'lamp: delayed command ignored: brightness: Too big: expected number to be <=255',
    ]);
  });

  it.each<[string, () => SimulatedDevice, string, Record<string, unknown>]>([
    ['a light reports its brightness off by 40', () => light([]), '{"brightness":200}', { brightness: 160 }],
    ['a dim light errs upward', () => light([]), '{"brightness":30}', { brightness: 70 }],
    ['a light ignores OFF', () => light([]), 'OFF', { state: 'ON' }],
    [
      'a plug sticks',
      () => new SimulatedPlug({ name: 'plug', friendlyName: 'Plug', area: 'Den', loadWatts: 50 }, context()),
      'ON',
      { state: 'OFF' },
    ],
    [
      'a thermostat takes a degree more',
      () =>
        new SimulatedThermostat(
          { name: 'trv', friendlyName: 'TRV', area: 'Den', variant: 'radiator-valve' },
          context(),
        ),
      '{"current_heating_setpoint":22}',
      { current_heating_setpoint: 23 },
    ],
    [
      'a blind does not move',
      () =>
        new SimulatedCover(
          { name: 'blind', friendlyName: 'Blind', area: 'Den', initial: { position: 30 } },
          context(),
        ),
      'OPEN',
      { position: 30, motor_state: 'stopped' },
    ],
    [
      'a fan runs one speed off',
      () => new SimulatedFan({ name: 'fan', friendlyName: 'Fan', area: 'Den' }, context()),
      '{"fan_mode":"high"}',
      { fan_mode: 'medium' },
    ],
  ])('wrong: %s', (_name, build, payload, expected) => {
    const device = build();
    device.setFault({ kind: 'wrong' });
    expect(device.handleCommand(payload)).toEqual({ ok: true });
    vi.advanceTimersByTime(10_000);
    expect(device.state).toMatchObject(expected);
  });

  it('wrong: a lock starts moving and jams', () => {
    const lock = new SimulatedLock(
      { name: 'lock', friendlyName: 'Lock', area: 'Den', initiallyLocked: false },
      context(),
    );
    lock.setFault({ kind: 'wrong' });
    lock.handleCommand('LOCK');
    expect(lock.state.lock_state).toBe('locking');
    vi.advanceTimersByTime(LOCK_TRAVEL_MS);
    expect(lock.state).toEqual({ state: 'UNLOCK', lock_state: 'not_fully_locked' });
  });

  it('offline: says offline at once, refuses commands, and comes back online when cleared', () => {
    const lamp = light([]);
    const events = transcript(lamp);
    lamp.setFault({ kind: 'offline' });
    expect(lamp.online).toBe(false);
    expect(lamp.handleCommand('OFF')).toEqual({ ok: false, reason: 'device offline' });
    lamp.setFault({ kind: 'none' });
    expect(lamp.handleCommand('OFF')).toEqual({ ok: true });
    expect(events).toEqual(['offline', 'online', 'command']);
  });

  it('flap: goes offline and online every period, and stops flapping when cleared', () => {
    const lamp = light([]);
    const events = transcript(lamp);
    lamp.setFault({ kind: 'flap', ms: 1000 });
    expect(lamp.online).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(lamp.handleCommand('OFF')).toEqual({ ok: false, reason: 'device offline' });
    vi.advanceTimersByTime(3000);
    expect(events).toEqual(['offline', 'online', 'offline', 'online']);
    lamp.setFault({ kind: 'none' });
    vi.advanceTimersByTime(5000);
    expect(events).toHaveLength(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('flap: clearing while down brings the device back online', () => {
    const lamp = light([]);
    const events = transcript(lamp);
    lamp.setFault({ kind: 'flap', ms: 100 });
    vi.advanceTimersByTime(100);
    lamp.setFault({ kind: 'none' });
    expect(events).toEqual(['offline', 'online']);
  });

  it('stop() cancels a flap and a pending delayed command', () => {
    const lamp = light([]);
    lamp.setFault({ kind: 'delay', ms: 500 });
    lamp.handleCommand('OFF');
    lamp.stop();
    lamp.setFault({ kind: 'flap', ms: 100 });
    lamp.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('SimulatedDevice extras: numbers, selects and buttons', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    lines.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['sets a number, rounded to its step', '{"min_brightness":12.4}', { min_brightness: 12 }],
    ['reads a number sent as text', '{"min_brightness":"40"}', { min_brightness: 40 }],
    ['picks an option', '{"power_on_behavior":"off"}', { power_on_behavior: 'off' }],
  ])('%s', (_name, payload, expected) => {
    const lamp = light();
    expect(lamp.handleCommand(payload)).toEqual({ ok: true });
    expect(lamp.settings).toMatchObject(expected);
  });

  it.each([
    ['a number out of range', '{"min_brightness":0}', /outside 1\.\.100/],
    ['a number that is no number', '{"min_brightness":"lots"}', /expected a number/],
    ['an unknown option', '{"power_on_behavior":"party"}', /expected one of off, on, previous/],
    ['a button pressed with the wrong payload', '{"identify":"go"}', /expected "identify"/],
  ])('refuses %s and changes nothing', (_name, payload, reason) => {
    const lamp = light();
    const before = lamp.settings;
    const result = lamp.handleCommand(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
    expect(lamp.settings).toBe(before);
  });

  it('applies a setting and the main feature in one command, or neither', () => {
    const lamp = light();
    expect(lamp.handleCommand('{"power_on_behavior":"on","brightness":9000}').ok).toBe(false);
    expect(lamp.settings.power_on_behavior).toBe('previous');
    expect(lamp.handleCommand('{"power_on_behavior":"on","brightness":90}')).toEqual({ ok: true });
    expect(lamp.settings.power_on_behavior).toBe('on');
    expect(lamp.state.brightness).toBe(90);
  });

  it('identify: logs a blink and leaves the state alone', () => {
    const lamp = light();
    const events = transcript(lamp);
    expect(lamp.handleCommand('{"identify":"identify"}')).toEqual({ ok: true });
    expect(lines).toEqual(['lamp: identify: blinking']);
    expect(events).toEqual(['command']);
  });

  it('restart: goes offline, refuses commands, and is back after RESTART_MS', () => {
    const lamp = light([
      {
        component: 'button',
        key: 'restart',
        name: 'Restart',
        property: 'restart',
        payload: 'restart',
        action: 'restart',
        deviceClass: 'restart',
      },
    ]);
    const events = transcript(lamp);
    lamp.handleCommand('{"restart":"restart"}');
    expect(lamp.online).toBe(false);
    expect(lamp.handleCommand('ON')).toEqual({ ok: false, reason: 'device offline' });
    vi.advanceTimersByTime(RESTART_MS);
    expect(lamp.online).toBe(true);
    expect(events).toEqual(['command', 'offline', 'online']);
    expect(lines).toEqual(['lamp: restarting']);
  });

  it('refuses two extras on one property', () => {
    const twice = [EXTRAS[0], { ...EXTRAS[0], key: 'other' }] as typeof EXTRAS;
    expect(() => light(twice)).toThrow(/two extras with property min_brightness/);
  });
});
