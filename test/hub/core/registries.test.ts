import { describe, expect, it } from 'vitest';
import { AreaRegistry } from '../../../hub/core/area-registry.ts';
import { DeviceRegistry } from '../../../hub/core/device-registry.ts';
import { EntityRegistry } from '../../../hub/core/entity-registry.ts';
import type { HubEvents, RegistryUpdated } from '../../../hub/core/event-bus.ts';
import { EventBus } from '../../../hub/core/event-bus.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import type { RegistryPersistence } from '../../../hub/core/registry-persistence.ts';

/** A persistence that remembers what was saved, and how. */
function recordingPersistence<T>(initial: T[] = []) {
  const saved = new Map<string, { entry: T; durable: boolean }>();
  const persistence: RegistryPersistence<T> = {
    load: () => initial,
    save: (id, entry, durable) => saved.set(id, { entry, durable }),
    delete: (id) => saved.delete(id),
  };
  return { persistence, saved };
}

function setup() {
  const bus = new EventBus(silentLogger);
  const events: [keyof HubEvents, RegistryUpdated][] = [];
  for (const name of ['entityRegistryUpdated', 'deviceRegistryUpdated', 'areaRegistryUpdated'] as const)
    bus.on('test', name, (event) => events.push([name, event]));
  const entityStore = recordingPersistence<never>();
  const areas = new AreaRegistry(bus);
  const devices = new DeviceRegistry(bus);
  const entities = new EntityRegistry(bus, entityStore.persistence as RegistryPersistence<never>);
  return { bus, events, areas, devices, entities, saved: entityStore.saved };
}

const lamp = {
  domain: 'light',
  unique_id: 'lamp-1',
  platform: 'mqtt',
  suggested_object_id: 'Desk lamp',
  original_name: 'Desk lamp',
  device_id: null,
};

describe('the entity registry', () => {
  it('keeps the user name, icon and area when the device announces the entity again', () => {
    const { entities, areas } = setup();
    const office = areas.create('Office');
    const first = entities.register(lamp);
    entities.update(first.entity_id, { name: 'Reading light', icon: 'mdi:lamp', area_id: office.area_id });
    const again = entities.register({ ...lamp, original_name: 'Lamp v2' });
    expect(again).toMatchObject({
      entity_id: 'light.desk_lamp',
      name: 'Reading light',
      icon: 'mdi:lamp',
      area_id: 'office',
      original_name: 'Lamp v2',
    });
    expect(entities.list()).toHaveLength(1);
  });

  it('saves a user edit durably and discovery in the background', () => {
    const { entities, saved } = setup();
    const entry = entities.register(lamp);
    expect(saved.get(entry.entity_id)?.durable).toBe(false);
    entities.update(entry.entity_id, { name: 'Reading light' });
    expect(saved.get(entry.entity_id)).toMatchObject({ durable: true, entry: { name: 'Reading light' } });
  });

  it('emits an update with the old values of what changed, and nothing when nothing changed', () => {
    const { entities, events } = setup();
    entities.register(lamp);
    events.length = 0;
    entities.register(lamp);
    entities.update('light.desk_lamp', { name: null });
    expect(events).toEqual([]);
    entities.update('light.desk_lamp', { name: 'Reading light', icon: undefined });
    expect(events).toEqual([
      ['entityRegistryUpdated', { action: 'update', id: 'light.desk_lamp', changes: { name: null } }],
    ]);
  });

  it('comes back from what it saved', () => {
    const bus = new EventBus(silentLogger);
    const { persistence, saved } = recordingPersistence<ReturnType<EntityRegistry['register']>>();
    const before = new EntityRegistry(bus, persistence);
    before.update(before.register(lamp).entity_id, { name: 'Reading light' });
    const after = new EntityRegistry(
      new EventBus(silentLogger),
      recordingPersistence([...saved.values()].map((s) => s.entry)).persistence,
    );
    expect(after.getByUniqueId('mqtt', 'lamp-1')).toMatchObject({
      entity_id: 'light.desk_lamp',
      name: 'Reading light',
    });
    expect(after.register(lamp).entity_id).toBe('light.desk_lamp');
  });

  it('answers not_found for an entity it does not know', () => {
    expect(() => setup().entities.update('light.nope', { name: 'x' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});

describe('the area registry', () => {
  it('keeps names unique whatever their case and spaces, and the id through a rename', () => {
    const { areas } = setup();
    const area = areas.create('Living Room');
    expect(() => areas.create('living room')).toThrow(expect.objectContaining({ code: 'invalid_info' }));
    expect(areas.update(area.area_id, { name: 'Lounge' })).toMatchObject({
      area_id: 'living_room',
      name: 'Lounge',
    });
    // The old name is free again; its slug is taken, so the new area gets the next one.
    expect(areas.create('Living Room').area_id).toBe('living_room_2');
  });

  it('matches suggested areas by name', () => {
    const { areas } = setup();
    const kitchen = areas.create('Kitchen');
    expect(areas.getOrCreate('kitchen')).toBe(kitchen);
    expect(areas.list()).toHaveLength(1);
  });

  it('leaves the devices and entities of a deleted area in no area', () => {
    const { areas, devices, entities, events } = setup();
    const hall = areas.create('Hall');
    const device = devices.upsert({ identifiers: ['d1'], name: 'Plug', suggested_area_id: hall.area_id });
    const entry = entities.register({ ...lamp, device_id: device.id });
    entities.update(entry.entity_id, { area_id: hall.area_id });
    events.length = 0;
    areas.delete(hall.area_id);
    expect(devices.get(device.id)?.area_id).toBeNull();
    expect(entities.get(entry.entity_id)?.area_id).toBeNull();
    expect(events.map(([name, e]) => [name, e.action])).toEqual([
      ['areaRegistryUpdated', 'remove'],
      ['deviceRegistryUpdated', 'update'],
      ['entityRegistryUpdated', 'update'],
    ]);
    expect(() => areas.delete(hall.area_id)).toThrow("Area ID doesn't exist");
  });
});

describe('the device registry', () => {
  it('matches a device by any identifier, never duplicates it, and places it by suggested_area only once', () => {
    const { areas, devices } = setup();
    const kitchen = areas.create('Kitchen');
    const first = devices.upsert({
      identifiers: ['0x01', 'mac:aa'],
      name: 'Plug',
      suggested_area_id: kitchen.area_id,
    });
    devices.update(first.id, { area_id: null, name_by_user: 'Coffee machine' });
    const again = devices.upsert({
      identifiers: ['mac:aa'],
      name: 'Plug',
      suggested_area_id: kitchen.area_id,
    });
    expect(devices.list()).toHaveLength(1);
    expect(again).toMatchObject({ id: first.id, area_id: null, name_by_user: 'Coffee machine' });
  });

  it('emits nothing when a device announces itself unchanged', () => {
    const { devices, events } = setup();
    devices.upsert({ identifiers: ['0x01'], name: 'Plug' });
    events.length = 0;
    devices.upsert({ identifiers: ['0x01'], name: 'Plug' });
    expect(events).toEqual([]);
  });
});
