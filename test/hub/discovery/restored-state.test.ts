import { describe, expect, it } from 'vitest';
import type { EntityState } from '../../../hub/protocol/entity-state.ts';
import { startHarness } from './components/component-harness.ts';

const config = {
  name: 'Outside',
  unique_id: 'outside-temp',
  state_topic: 'hearth/outside',
  value_template: '{{ value_json.temperature }}',
  unit_of_measurement: '°C',
  availability_topic: 'hearth/outside/availability',
};

function restored(state: string): EntityState {
  return {
    entity_id: 'sensor.outside',
    state,
    attributes: { unit_of_measurement: '°C', friendly_name: 'Outside' },
    last_changed: '2025-12-31T22:00:00.000Z',
    last_updated: '2025-12-31T22:00:00.000Z',
    context: { id: 'c1', parent_id: null, user_id: null },
  };
}

/** The hub at start: the last state is back before the device's retained config arrives. */
function harnessWith(state: EntityState) {
  const hub = startHarness();
  hub.states.restore([state]);
  hub.mqtt.deliver('homeassistant/sensor/outside/config', config);
  return hub;
}

describe('a restored state', () => {
  it('stays, marked restored, when the device is announced and says it is online', () => {
    const hub = harnessWith(restored('4.5'));
    hub.mqtt.deliver('hearth/outside/availability', 'online');
    expect(hub.states.get('sensor.outside')).toMatchObject({ state: '4.5', attributes: { restored: true } });
  });

  it('gives way to the first report of the device', () => {
    const hub = harnessWith(restored('4.5'));
    hub.mqtt.deliver('hearth/outside/availability', 'online');
    hub.mqtt.deliver('hearth/outside', { temperature: 5.5 });
    const state = hub.states.get('sensor.outside');
    expect(state?.state).toBe('5.5');
    expect(state?.attributes.restored).toBeUndefined();
  });

  it('gives way to an availability that contradicts it', () => {
    const hub = harnessWith(restored('4.5'));
    hub.mqtt.deliver('hearth/outside/availability', 'offline');
    expect(hub.states.get('sensor.outside')?.state).toBe('unavailable');
    expect(hub.states.get('sensor.outside')?.attributes.restored).toBeUndefined();

    const wasOffline = harnessWith(restored('unavailable'));
    wasOffline.mqtt.deliver('hearth/outside/availability', 'online');
    expect(wasOffline.states.get('sensor.outside')?.state).toBe('unknown');
  });
});
