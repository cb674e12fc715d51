import { describe, expect, it } from 'vitest';
import { AreaRegistry } from '../../../hub/core/area-registry.ts';
import { CommandConfirmations } from '../../../hub/core/command-confirmations.ts';
import { DeviceRegistry } from '../../../hub/core/device-registry.ts';
import { EntityRegistry } from '../../../hub/core/entity-registry.ts';
import type { StateChanged } from '../../../hub/core/event-bus.ts';
import { EventBus } from '../../../hub/core/event-bus.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import { RegistryDisplay } from '../../../hub/core/registry-display.ts';
import { StateMachine } from '../../../hub/core/state-machine.ts';
import { FakeClock } from './fake-clock.ts';

function setup() {
  const clock = new FakeClock();
  const bus = new EventBus(silentLogger);
  const hub = {
    bus,
    states: new StateMachine(bus, clock, new CommandConfirmations(clock)),
    entities: new EntityRegistry(bus),
    devices: new DeviceRegistry(bus),
    areas: new AreaRegistry(bus),
  };
  const device = hub.devices.upsert({ identifiers: ['plug'], name: 'Plug' });
  hub.entities.register({
    domain: 'sensor',
    unique_id: 'plug-power',
    platform: 'mqtt',
    suggested_object_id: 'Plug Power',
    original_name: 'Power',
    device_id: device.id,
    has_entity_name: true,
  });
  hub.states.set('sensor.plug_power', '12', { friendly_name: 'Plug Power', icon: 'mdi:flash' });
  new RegistryDisplay(hub).start();
  const events: StateChanged[] = [];
  bus.on('test', 'stateChanged', (event) => events.push(event));
  return { ...hub, device, events };
}

describe('the registry in the state', () => {
  it('shows a rename as a state change with the new friendly_name, and the old name when cleared', () => {
    const { entities, states, events } = setup();
    entities.update('sensor.plug_power', { name: 'Kettle power' });
    expect(events).toHaveLength(1);
    expect(events[0]?.new_state?.attributes.friendly_name).toBe('Kettle power');
    // The device keeps writing its own name; the user's stays on top.
    states.set('sensor.plug_power', '13', { friendly_name: 'Plug Power', icon: 'mdi:flash' });
    expect(states.get('sensor.plug_power')?.attributes).toMatchObject({ friendly_name: 'Kettle power' });
    entities.update('sensor.plug_power', { name: null });
    expect(states.get('sensor.plug_power')?.attributes.friendly_name).toBe('Plug Power');
    expect(states.get('sensor.plug_power')?.state).toBe('13');
  });

  it("shows the user's icon, and a renamed device in its entities' names", () => {
    const { entities, devices, device, states } = setup();
    entities.update('sensor.plug_power', { icon: 'mdi:kettle' });
    devices.update(device.id, { name_by_user: 'Kettle' });
    expect(states.get('sensor.plug_power')?.attributes).toMatchObject({
      friendly_name: 'Kettle Power',
      icon: 'mdi:kettle',
    });
  });
});

describe('restored states', () => {
  it('come back without an event, marked restored, until the entity writes', () => {
    const { states, events } = setup();
    states.restore([
      {
        entity_id: 'sensor.outside',
        state: '4.5',
        attributes: { unit_of_measurement: '°C' },
        last_changed: '2025-12-31T22:00:00.000Z',
        last_updated: '2025-12-31T22:00:00.000Z',
        context: { id: 'c', parent_id: null, user_id: null },
      },
    ]);
    expect(events).toEqual([]);
    expect(states.get('sensor.outside')).toMatchObject({
      state: '4.5',
      attributes: { restored: true, unit_of_measurement: '°C' },
      last_changed: '2025-12-31T22:00:00.000Z',
    });
    states.set('sensor.outside', '5', { unit_of_measurement: '°C' });
    expect(states.get('sensor.outside')?.attributes).toEqual({ unit_of_measurement: '°C' });
  });
});
