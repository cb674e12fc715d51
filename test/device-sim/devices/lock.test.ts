import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCK_TRAVEL_MS, SimulatedLock } from '../../../device-sim/devices/lock.ts';
import { systemSimClock } from '../../../device-sim/sim-clock.ts';
import { seededRandom } from '../manual-clock.ts';

function lock(initiallyLocked: boolean): SimulatedLock {
  return new SimulatedLock(
    { name: 'door', friendlyName: 'Door', area: 'Hall', initiallyLocked },
    { clock: systemSimClock, random: seededRandom(4), pace: 1 },
  );
}

function transcript(device: SimulatedLock): string[] {
  const lines: string[] = [];
  device.onState((reason) => lines.push(`${reason} ${device.state.state} ${device.state.lock_state}`));
  return lines;
}

describe('SimulatedLock under vi.useFakeTimers()', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each<[string, boolean, string, string[]]>([
    ['locks through locking', false, 'LOCK', ['command UNLOCK locking', 'report LOCK locked']],
    [
      'unlocks through unlocking',
      true,
      '{"state":"UNLOCK"}',
      ['command LOCK unlocking', 'report UNLOCK unlocked'],
    ],
    ['toggles', true, 'TOGGLE', ['command LOCK unlocking', 'report UNLOCK unlocked']],
    ['answers at once when already locked', true, 'lock', ['command LOCK locked']],
  ])('%s', (_name, locked, payload, expected) => {
    const device = lock(locked);
    const lines = transcript(device);
    expect(device.handleCommand(payload)).toEqual({ ok: true });
    vi.advanceTimersByTime(LOCK_TRAVEL_MS);
    expect(lines).toEqual(expected);
  });

  it('takes the bolt its time: nothing settles before LOCK_TRAVEL_MS', () => {
    const device = lock(false);
    device.handleCommand('LOCK');
    vi.advanceTimersByTime(LOCK_TRAVEL_MS - 1);
    expect(device.state.lock_state).toBe('locking');
    vi.advanceTimersByTime(1);
    expect(device.state.lock_state).toBe('locked');
  });

  it('jams on demand', () => {
    const device = lock(true);
    const lines = transcript(device);
    device.jam();
    expect(lines).toEqual(['report LOCK not_fully_locked']);
    // A jammed lock can be told again, and moves.
    device.handleCommand('LOCK');
    vi.advanceTimersByTime(LOCK_TRAVEL_MS);
    expect(device.state.lock_state).toBe('locked');
  });

  it('refuses an unknown word', () => {
    const result = lock(true).handleCommand('OPEN_SESAME');
    expect(result.ok).toBe(false);
  });
});
