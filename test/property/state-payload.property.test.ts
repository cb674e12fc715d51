import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDemoHouse } from '../../device-sim/houses/demo-house.ts';
import { systemSimClock } from '../../device-sim/sim-clock.ts';
import { discoveryConfigTopics } from '../../hub/discovery/discovery-config-topics.ts';
import { DEMO_ENTITIES } from '../device-sim/demo-entities.ts';
import { startHarness } from '../hub/discovery/components/component-harness.ts';
import { checkStatesAsWritten } from './check-states.ts';
import { hostileJson, hostileKey, hostilePayload, prototypePolluted } from './hostile-values.ts';
import { PROPERTY_RUNS, PROPERTY_TIMEOUT_MS } from './property-runs.ts';

/** Keys the three dialects report state with, so that payloads often get past the first check. */
const STATE_KEYS = [
  'state',
  'brightness',
  'color_temp',
  'color',
  'color_mode',
  'x',
  'y',
  'hue',
  'saturation',
  'r',
  'g',
  'b',
  'effect',
  'position',
  'tilt',
  'local_temperature',
  'current_heating_setpoint',
  'system_mode',
  'running_state',
  'occupancy',
  'contact',
  'power',
  'energy',
  'voltage',
  'current',
  'fan_mode',
  'preset',
  'percentage',
  'power_on_behavior',
  'local_temperature_calibration',
  'POWER',
  'Dimmer',
  'HSBColor',
  'CT',
  'Color',
  'Shutter1',
  'Position',
  'Direction',
  'ENERGY',
  'Power',
  'Voltage',
  'Total',
  'Wifi',
  'Time',
];

/** A state payload of the right kind with wrong contents, or anything at all. */
const statePayload = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .dictionary(
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...STATE_KEYS) }, hostileKey),
        fc.oneof(hostileJson, fc.constantFrom('ON', 'OFF', 'LOCKED', 'open', 'heat', 0, 255, 1e308, -1)),
        { maxKeys: 6 },
      )
      .map((json) => JSON.stringify(json)),
  },
  hostilePayload,
  fc.constantFrom(
    'online',
    'offline',
    'Online',
    'Offline',
    'LOCKED',
    'UNLOCKED',
    'open',
    'closed',
    '21.5',
    'nan',
    'inf',
  ),
);

describe('state payloads, any of them, on every entity of the demo house', () => {
  it(
    'leave every state well formed, never throw, and keep every entity',
    () => {
      const hub = startHarness();
      checkStatesAsWritten(hub.states);
      const devices = createDemoHouse({ clock: systemSimClock, random: () => 0.5, pace: 1 });
      const topics = new Set<string>();
      for (const device of devices) {
        for (const { topic, config } of device.wire.discovery()) {
          hub.mqtt.deliver(topic, config);
          for (const named of discoveryConfigTopics(config as Record<string, unknown>, false))
            topics.add(named);
        }
      }
      const entityCount = hub.states.size;
      expect(entityCount).toBe(DEMO_ENTITIES.length);

      fc.assert(
        fc.property(fc.constantFrom(...topics), statePayload, (topic, payload) => {
          hub.mqtt.deliver(topic, payload);
          expect(hub.states.size).toBe(entityCount);
          expect(prototypePolluted()).toBe(false);
        }),
        { numRuns: PROPERTY_RUNS },
      );

      // And a good report still lands, after all that.
      hub.mqtt.deliver('hearth/kitchen-plug/availability', 'online');
      hub.mqtt.deliver('hearth/kitchen-plug', JSON.stringify({ state: 'OFF', power: 0 }));
      expect(hub.states.get('switch.kitchen_plug')?.state).toBe('off');
      hub.mqtt.deliver('hearth/kitchen-plug', JSON.stringify({ state: 'ON', power: 85 }));
      expect(hub.states.get('switch.kitchen_plug')?.state).toBe('on');
      for (const device of devices) device.stop();
    },
    PROPERTY_TIMEOUT_MS,
  );
});
