import { describe, expect, it } from 'vitest';
import { createLoadDevices, LOAD_AREAS } from '../../../device-sim/houses/load-devices.ts';
import { systemSimClock } from '../../../device-sim/sim-clock.ts';

const context = { clock: systemSimClock, random: Math.random, pace: 10 };

describe('createLoadDevices', () => {
  it('names devices by kind and number, padded to four digits', () => {
    const names = createLoadDevices(7, context).map((device) => device.name);
    expect(names).toEqual([
      'load-light-0001',
      'load-switch-0002',
      'load-light-0003',
      'load-climate-0004',
      'load-switch-0005',
      'load-motion-0006',
      'load-door-0007',
    ]);
  });

  it('mixes every kind and spreads them over every area', () => {
    const devices = createLoadDevices(56, context);
    expect(new Set(devices.map((device) => device.kind))).toEqual(
      new Set(['light', 'color-light', 'plug', 'climate', 'motion', 'door']),
    );
    expect(new Set(devices.map((device) => device.area))).toEqual(new Set(LOAD_AREAS));
  });

  it('builds 10,000 devices with unique names and entity ids', () => {
    const devices = createLoadDevices(10_000, context);
    expect(new Set(devices.map((device) => device.name)).size).toBe(10_000);
    const topics = devices.flatMap((device) => device.discoveryMessages().map((message) => message.topic));
    expect(new Set(topics).size).toBe(topics.length);
    expect(devices.at(-1)?.name).toBe('load-climate-10000');
  });
});
