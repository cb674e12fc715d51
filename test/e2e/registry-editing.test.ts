import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';

type Entry = Record<string, unknown> & { entity_id: string };
type Device = Record<string, unknown> & { id: string; name: string | null };
type Area = { area_id: string; name: string };
type State = { entity_id: string; state: string; attributes: Record<string, unknown> };

const PLUG = 'switch.kitchen_plug';

async function list<T>(client: HubClient, registry: 'entity' | 'device' | 'area'): Promise<T[]> {
  return (await client.command({ type: `config/${registry}_registry/list` })).result as T[];
}

/** Waits until the simulated house is in the hub and every one of its devices has reported. */
async function untilDiscovered(client: HubClient, minimum: number): Promise<State[]> {
  for (let i = 0; i < 200; i++) {
    const states = (await client.command({ type: 'get_states' })).result as State[];
    const plug = states.find((s) => s.entity_id === PLUG);
    if (states.length >= minimum && plug && plug.state !== 'unavailable' && !plug.attributes.restored)
      return states;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the simulated house was not discovered');
}

describe('editing the registry: names, icons and areas, kept across restarts with the last states', () => {
  let hub: TestHub;
  let sim: RunningProcess | undefined;
  let a: HubClient;
  let b: HubClient;
  let entityCount = 0;

  beforeAll(async () => {
    hub = await startTestHub();
    sim = await startTestSim(hub.mqttUrl);
    a = await HubClient.connect(hub.wsUrl, hub.token);
    b = await HubClient.connect(hub.wsUrl, hub.token);
    entityCount = (await untilDiscovered(a, 25)).length;
  });

  afterAll(async () => {
    a?.close();
    b?.close();
    await sim?.stop();
    await hub?.stop();
  });

  it('creates an area, and every other panel hears of it', async () => {
    const subscribed = await b.command({ type: 'subscribe_events', event_type: 'area_registry_updated' });
    const created = await a.command({ type: 'config/area_registry/create', name: 'Garden' });
    expect(created.result).toMatchObject({ area_id: 'garden', name: 'Garden', icon: null });
    const event = await b.next((m) => m.id === subscribed.id && m.type === 'event');
    expect(event.event).toMatchObject({
      event_type: 'area_registry_updated',
      data: { action: 'create', area_id: 'garden' },
    });
    const taken = await a.command({ type: 'config/area_registry/create', name: 'garden ' });
    expect(taken.error).toMatchObject({ code: 'invalid_info' });
  });

  it('renames an entity, gives it an icon and an area; other panels see the new name at once', async () => {
    const entities = await b.command({ type: 'subscribe_entities', entity_ids: [PLUG] });
    await b.next((m) => m.id === entities.id && m.type === 'event');
    const registry = await b.command({ type: 'subscribe_events', event_type: 'entity_registry_updated' });

    const updated = await a.command({
      type: 'config/entity_registry/update',
      entity_id: PLUG,
      name: 'Coffee machine',
      icon: 'mdi:coffee',
      area_id: 'garden',
    });
    expect(updated.result).toMatchObject({
      entity_entry: { entity_id: PLUG, name: 'Coffee machine', icon: 'mdi:coffee', area_id: 'garden' },
    });

    const event = await b.next((m) => m.id === registry.id && m.type === 'event');
    expect(event.event).toMatchObject({
      event_type: 'entity_registry_updated',
      data: { action: 'update', entity_id: PLUG, changes: { name: null, icon: null, area_id: null } },
    });
    const diff = await b.next((m) => m.id === entities.id && m.type === 'event');
    expect(diff.event).toMatchObject({
      c: { [PLUG]: { '+': { a: { friendly_name: 'Coffee machine', icon: 'mdi:coffee' } } } },
    });
    const got = await a.command({ type: 'config/entity_registry/get', entity_id: PLUG });
    expect(got.result).toMatchObject({ name: 'Coffee machine', aliases: [], original_name: null });
  });

  it('refuses bad edits with a precise error', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ entity_id: 'switch.nope', name: 'x' }, 'not_found', /Entity not found/],
      [{ entity_id: PLUG, area_id: 'moon' }, 'invalid_info', /Area moon does not exist/],
      [
        { entity_id: PLUG, icon: 'coffee' },
        'invalid_format',
        /message\.icon: must look like mdi:thermometer/,
      ],
      [{ entity_id: PLUG, name: 'x'.repeat(101) }, 'invalid_format', /message\.name: must be at most 100/],
    ];
    for (const [fields, code, message] of cases) {
      const answer = await a.command({ type: 'config/entity_registry/update', ...fields });
      expect(answer.error).toMatchObject({ code, message: expect.stringMatching(message) });
    }
  });

  it('moves a device to another area and renames it; renaming the area keeps what is in it', async () => {
    const lamp = (await list<Device>(a, 'device')).find((d) => d.name === 'Living Room Lamp');
    expect(lamp).toBeDefined();
    const moved = await a.command({
      type: 'config/device_registry/update',
      device_id: lamp?.id,
      area_id: 'garden',
      name_by_user: 'Garden lantern',
    });
    expect(moved.result).toMatchObject({ area_id: 'garden', name_by_user: 'Garden lantern' });
    const renamed = await a.command({
      type: 'config/area_registry/update',
      area_id: 'garden',
      name: 'Back garden',
    });
    expect(renamed.result).toMatchObject({ area_id: 'garden', name: 'Back garden' });
  });

  it('brings names, icons and areas back after a restart, and does not duplicate rediscovered devices', async () => {
    const entitiesBefore = await list<Entry>(a, 'entity');
    const devicesBefore = await list<Device>(a, 'device');
    const areasBefore = await list<Area>(a, 'area');
    await sim?.stop();
    sim = undefined;
    // The devices said goodbye (offline); that is the last state the hub had.
    const last = (await a.command({ type: 'get_states' })).result as State[];
    a.close();
    b.close();
    await hub.stop({ keepData: true });

    hub = await startTestHub({ restartOf: hub });
    a = await HubClient.connect(hub.wsUrl, hub.token);
    b = await HubClient.connect(hub.wsUrl, hub.token);
    expect(await list<Area>(a, 'area')).toEqual(areasBefore);
    expect(await list<Device>(a, 'device')).toEqual(devicesBefore);
    expect(await list<Entry>(a, 'entity')).toEqual(entitiesBefore);
    // Before any device has spoken, every entity is back with its last state, marked restored.
    const restored = (await a.command({ type: 'get_states' })).result as State[];
    expect(restored).toHaveLength(entityCount);
    for (const state of last) {
      expect(restored.find((s) => s.entity_id === state.entity_id)).toEqual({
        ...state,
        attributes: { ...state.attributes, restored: true },
      });
    }
    expect(restored.find((s) => s.entity_id === PLUG)?.attributes).toMatchObject({
      friendly_name: 'Coffee machine',
      icon: 'mdi:coffee',
    });

    sim = await startTestSim(hub.mqttUrl);
    const states = await untilDiscovered(a, entityCount);
    expect(states).toHaveLength(entityCount);
    expect(await list<Device>(a, 'device')).toHaveLength(devicesBefore.length);
    expect(await list<Entry>(a, 'entity')).toEqual(entitiesBefore);
    const lamp = (await list<Device>(a, 'device')).find((d) => d.name === 'Living Room Lamp');
    // The device announced its suggested area (Living Room) again; the user's choice stands.
    expect(lamp).toMatchObject({ area_id: 'garden', name_by_user: 'Garden lantern' });
    expect(states.find((s) => s.entity_id === PLUG)?.attributes).toMatchObject({
      friendly_name: 'Coffee machine',
      icon: 'mdi:coffee',
    });
  });

  it('deletes an area, leaving what was in it in no area', async () => {
    const deleted = await a.command({ type: 'config/area_registry/delete', area_id: 'garden' });
    expect(deleted.result).toBe('success');
    const plug = (await list<Entry>(a, 'entity')).find((e) => e.entity_id === PLUG);
    expect(plug?.area_id).toBeNull();
    expect((await list<Device>(a, 'device')).some((d) => d.area_id === 'garden')).toBe(false);
  });
});
