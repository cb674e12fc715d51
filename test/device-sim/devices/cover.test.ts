import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COVER_STEP_MS, type CoverState, SimulatedCover } from '../../../device-sim/devices/cover.ts';
import { systemSimClock } from '../../../device-sim/sim-clock.ts';
import { seededRandom } from '../manual-clock.ts';

function blind(options: { position?: number; tilt?: boolean } = {}): SimulatedCover {
  return new SimulatedCover(
    {
      name: 'blind',
      friendlyName: 'Blind',
      area: 'Den',
      tilt: options.tilt,
      initial: { position: options.position ?? 0 },
    },
    { clock: systemSimClock, random: seededRandom(2), pace: 1 },
  );
}

/** What the blind reports, one line per report: `position motor_state state`. */
function transcript(device: SimulatedCover): string[] {
  const lines: string[] = [];
  device.onState((reason) => {
    const { position, motor_state, state } = device.state;
    lines.push(`${reason} ${position} ${motor_state} ${state}`);
  });
  return lines;
}

describe('SimulatedCover under vi.useFakeTimers()', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each<[string, number, string, string[]]>([
    [
      'opens over five seconds, reporting each second',
      0,
      'OPEN',
      [
        'command 0 opening CLOSE',
        'report 20 opening OPEN',
        'report 40 opening OPEN',
        'report 60 opening OPEN',
        'report 80 opening OPEN',
        'report 100 stopped OPEN',
      ],
    ],
    [
      'closes from half way',
      50,
      '{"state":"CLOSE"}',
      [
        'command 50 closing OPEN',
        'report 30 closing OPEN',
        'report 10 closing OPEN',
        'report 0 stopped CLOSE',
      ],
    ],
    [
      'goes to a position',
      10,
      '{"position":45}',
      ['command 10 opening OPEN', 'report 30 opening OPEN', 'report 45 stopped OPEN'],
    ],
    ['answers at once when already there', 100, 'OPEN', ['command 100 stopped OPEN']],
    [
      'toggles a closed blind open',
      0,
      'TOGGLE',
      [
        'command 0 opening CLOSE',
        'report 20 opening OPEN',
        'report 40 opening OPEN',
        'report 60 opening OPEN',
        'report 80 opening OPEN',
        'report 100 stopped OPEN',
      ],
    ],
  ])('%s', (_name, position, payload, expected) => {
    const device = blind({ position });
    const lines = transcript(device);
    expect(device.handleCommand(payload)).toEqual({ ok: true });
    vi.advanceTimersByTime(10 * COVER_STEP_MS);
    expect(lines).toEqual(expected);
    expect(device.moving).toBe(false);
  });

  it('stops mid-way on STOP, and says stopped where it is', () => {
    const device = blind({ position: 0 });
    const lines = transcript(device);
    device.handleCommand('OPEN');
    vi.advanceTimersByTime(2 * COVER_STEP_MS);
    device.handleCommand('STOP');
    vi.advanceTimersByTime(10 * COVER_STEP_MS);
    expect(lines).toEqual([
      'command 0 opening CLOSE',
      'report 20 opening OPEN',
      'report 40 opening OPEN',
      'command 40 stopped OPEN',
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('turns round when told to close while opening', () => {
    const device = blind({ position: 0 });
    const lines = transcript(device);
    device.handleCommand('OPEN');
    vi.advanceTimersByTime(COVER_STEP_MS);
    device.handleCommand('CLOSE');
    vi.advanceTimersByTime(10 * COVER_STEP_MS);
    expect(lines).toEqual([
      'command 0 opening CLOSE',
      'report 20 opening OPEN',
      'command 20 closing OPEN',
      'report 0 stopped CLOSE',
    ]);
  });

  it('tilts the slats of a venetian blind at once', () => {
    const device = blind({ tilt: true });
    expect(device.handleCommand('{"tilt":35}')).toEqual({ ok: true });
    expect(device.state).toEqual<CoverState>({
      state: 'CLOSE',
      position: 0,
      motor_state: 'stopped',
      tilt: 35,
    });
  });

  it.each([
    ['tilt on a roller blind', '{"tilt":30}', /no slats/],
    ['a position above 100', '{"position":140}', /position/],
    ['an unknown word', 'HALFWAY', /state/],
  ])('refuses %s', (_name, payload, reason) => {
    const result = blind().handleCommand(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('cancels its motor when stopped, leaving no timer behind', () => {
    const device = blind();
    device.handleCommand('OPEN');
    expect(vi.getTimerCount()).toBe(1);
    device.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
