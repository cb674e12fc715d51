import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AreaRegistry } from '../../../hub/core/area-registry.ts';
import { DeviceRegistry } from '../../../hub/core/device-registry.ts';
import { EntityRegistry } from '../../../hub/core/entity-registry.ts';
import { EventBus } from '../../../hub/core/event-bus.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import type { Database } from '../../../hub/storage/database.ts';
import { openDatabase } from '../../../hub/storage/database.ts';
import { RegistryStore } from '../../../hub/storage/registry-store.ts';

const dirs: string[] = [];
const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-registry-'));
  dirs.push(dir);
  return dir;
}

function registriesOn(dir: string) {
  const db = openDatabase(dir);
  open.push(db);
  const store = new RegistryStore(db);
  const bus = new EventBus(silentLogger);
  return {
    store,
    areas: new AreaRegistry(bus, store.areas),
    devices: new DeviceRegistry(bus, store.devices),
    entities: new EntityRegistry(bus, store.entities),
  };
}

/** What another process reading the database sees now. */
function rowsSeenElsewhere(dir: string): number {
  const db = openDatabase(dir);
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM registry_entries').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const LAMP = {
  domain: 'light',
  unique_id: 'l1',
  platform: 'mqtt',
  suggested_object_id: 'lamp',
  original_name: 'Lamp',
  device_id: null,
};

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the registry store', () => {
  it('has a user edit on disk when the edit returns, and discovery by the next turn', async () => {
    const dir = dataDir();
    const { areas, entities } = registriesOn(dir);
    entities.register(LAMP);
    expect(rowsSeenElsewhere(dir)).toBe(0);
    await nextTurn();
    expect(rowsSeenElsewhere(dir)).toBe(1);
    areas.create('Office');
    expect(rowsSeenElsewhere(dir)).toBe(2);
  });

  it('brings back entities, devices and areas with what the user set', async () => {
    const dir = dataDir();
    const before = registriesOn(dir);
    const office = before.areas.create('Office');
    const device = before.devices.upsert({ identifiers: ['0x01'], name: 'Plug' });
    before.devices.update(device.id, { area_id: office.area_id, name_by_user: 'Desk plug' });
    const entry = before.entities.register({
      domain: 'switch',
      unique_id: 'plug',
      platform: 'mqtt',
      suggested_object_id: 'plug',
      original_name: null,
      device_id: device.id,
    });
    before.entities.update(entry.entity_id, { icon: 'mdi:power-socket-eu' });
    before.entities.remove('switch.nothing');

    const after = registriesOn(dir);
    expect(after.areas.list()).toEqual(before.areas.list());
    expect(after.devices.list()).toEqual(before.devices.list());
    expect(after.entities.list()).toEqual(before.entities.list());
    await nextTurn();
  });

  it('forgets a removed entity', () => {
    const dir = dataDir();
    const before = registriesOn(dir);
    const entry = before.entities.register(LAMP);
    before.store.flush();
    before.entities.remove(entry.entity_id, true);
    expect(registriesOn(dir).entities.list()).toEqual([]);
  });
});
