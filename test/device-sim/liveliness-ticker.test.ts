import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClimateState } from '../../device-sim/devices/climate-sensor.ts';
import type { DoorState } from '../../device-sim/devices/door-contact.ts';
import { createDemoHouse } from '../../device-sim/houses/demo-house.ts';
import { LivelinessTicker } from '../../device-sim/liveliness-ticker.ts';
import { systemSimClock } from '../../device-sim/sim-clock.ts';
import type { SimulatedDevice } from '../../device-sim/simulated-device.ts';
import { seededRandom } from './manual-clock.ts';

/** Every state each device reports, with the (fake) time it reported it. */
function record(devices: readonly SimulatedDevice[]): Map<string, { at: number; state: object }[]> {
  const reports = new Map<string, { at: number; state: object }[]>();
  for (const device of devices) {
    const list: { at: number; state: object }[] = [];
    reports.set(device.name, list);
    device.onState(() => list.push({ at: Date.now(), state: device.state }));
  }
  return reports;
}

describe('LivelinessTicker under vi.useFakeTimers()', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('makes the demo house move: drift, motion on then off, the door open then closed', () => {
    const devices = createDemoHouse({ clock: systemSimClock, random: seededRandom(42), pace: 1 });
    const reports = record(devices);
    const ticker = new LivelinessTicker(devices, systemSimClock, () => {});
    ticker.start();
    vi.advanceTimersByTime(15 * 60_000);
    ticker.stop();

    const climate = (reports.get('living-room-climate') ?? []).map((r) => r.state as ClimateState);
    expect(climate.length).toBeGreaterThan(100);
    expect(new Set(climate.map((s) => s.temperature)).size).toBeGreaterThan(3);
    for (const { temperature, humidity } of climate) {
      expect(temperature).toBeGreaterThanOrEqual(18);
      expect(temperature).toBeLessThanOrEqual(25);
      expect(humidity).toBeGreaterThanOrEqual(30);
      expect(humidity).toBeLessThanOrEqual(65);
    }

    const motion = reports.get('hallway-motion') ?? [];
    expect(motion.length).toBeGreaterThanOrEqual(2);
    for (let i = 0; i + 1 < motion.length; i += 2) {
      const on = motion[i];
      const off = motion[i + 1];
      if (on === undefined || off === undefined) throw new Error('unreachable');
      expect(on.state).toEqual({ occupancy: true });
      expect(off.state).toEqual({ occupancy: false });
      expect(off.at - on.at).toBeGreaterThanOrEqual(30_000);
      expect(off.at - on.at).toBeLessThanOrEqual(61_000);
    }

    const door = (reports.get('hallway-door') ?? []).map((r) => r.state as DoorState);
    expect(door.length).toBeGreaterThanOrEqual(2);
    expect(door[0]).toEqual({ contact: false });
    expect(door[1]).toEqual({ contact: true });

    // Lights change only when commanded.
    expect(reports.get('living-room-ceiling')).toEqual([]);
    expect(reports.get('living-room-lamp')).toEqual([]);
  });

  it('uses one timer for all devices and leaves none behind when stopped', () => {
    const devices = createDemoHouse({ clock: systemSimClock, random: seededRandom(1), pace: 1 });
    const ticker = new LivelinessTicker(devices, systemSimClock, () => {});
    ticker.start();
    expect(vi.getTimerCount()).toBe(1);
    ticker.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps ticking the others when one device throws', () => {
    const devices = createDemoHouse({ clock: systemSimClock, random: seededRandom(3), pace: 1 });
    const broken = devices[0];
    if (broken === undefined) throw new Error('no devices');
    vi.spyOn(broken, 'tick').mockImplementation(() => {
      throw new Error('boom');
    });
    const lines: string[] = [];
    const reports = record(devices);
    const ticker = new LivelinessTicker(devices, systemSimClock, (line) => lines.push(line));
    ticker.start();
    vi.advanceTimersByTime(30_000);
    ticker.stop();
    expect(lines[0]).toBe('living-room-ceiling: liveliness failed: Error: boom');
    expect(reports.get('living-room-climate')?.length).toBeGreaterThan(0);
  });

  it('pauses a device that is unreachable', () => {
    const devices = createDemoHouse({ clock: systemSimClock, random: seededRandom(5), pace: 1 });
    const climate = devices.find((device) => device.kind === 'climate');
    climate?.setReachable(false);
    const reports = record(devices);
    const ticker = new LivelinessTicker(devices, systemSimClock, () => {});
    ticker.start();
    vi.advanceTimersByTime(60_000);
    ticker.stop();
    expect(reports.get('living-room-climate')).toEqual([]);
  });
});
