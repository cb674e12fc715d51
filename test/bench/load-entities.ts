import { createLoadDevices } from '../../device-sim/houses/load-devices.ts';
import { systemSimClock } from '../../device-sim/sim-clock.ts';

/** The simulator's load devices, by name: what `hearth sim --house none --devices N` connects. */
export function loadDeviceNames(count: number): string[] {
  return createLoadDevices(count, { clock: systemSimClock, random: Math.random, pace: 10 }).map(
    (device) => device.name,
  );
}

/** How many entities `hearth sim --house none --devices N` announces: one discovery config each. */
export function loadEntityCount(count: number): number {
  let entities = 0;
  for (const device of createLoadDevices(count, { clock: systemSimClock, random: Math.random, pace: 10 }))
    entities += device.wire.discovery().length;
  return entities;
}
