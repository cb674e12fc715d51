import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubError } from '../../ui/src/connection/hub-error.ts';
import type { HubEffects, ServiceCall } from '../../ui/src/store/hub-store.ts';
import { createHubStore } from '../../ui/src/store/hub-store.ts';
import { fanSwitch, hallTemperature, kitchenLight, porchLight, state } from './entities.ts';

interface Deferred {
  call: ServiceCall;
  resolve(): void;
  reject(error: unknown): void;
}

/** A store whose service calls wait until the test answers them. */
function storeWithCalls() {
  const calls: Deferred[] = [];
  const effects: HubEffects = {
    callService: (call) =>
      new Promise((resolve, reject) => calls.push({ call, resolve: () => resolve(undefined), reject })),
    signIn: vi.fn(),
    signOut: vi.fn(),
  };
  const mark = vi.fn<(name: string) => void>();
  const store = createHubStore(effects, { mark, errorDisplayMs: 4000 });
  store.replaceEntities({
    'light.kitchen': kitchenLight,
    'switch.fan': fanSwitch,
    'sensor.hall_temperature': hallTemperature,
    'light.porch': porchLight,
  });
  const slot = (id: string) => {
    const found = store.entities.value.get(id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  };
  const lastCall = () => {
    const call = calls.at(-1);
    if (!call) throw new Error('no call');
    return call;
  };
  return { store, calls, lastCall, mark, slot };
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('hub store: entities', () => {
  it('applies a snapshot, then changes and removals', () => {
    const { store, slot } = storeWithCalls();
    expect([...store.entities.value.keys()].sort()).toEqual([
      'light.kitchen',
      'light.porch',
      'sensor.hall_temperature',
      'switch.fan',
    ]);
    const kitchen = slot('light.kitchen');

    store.applyEntities({ c: { 'light.kitchen': { '+': { s: 'off' }, '-': { a: ['brightness'] } } } });
    expect(kitchen.view.value.state).toBe('off');
    expect(kitchen.view.value.attributes.brightness).toBeUndefined();

    const before = store.entities.value;
    store.applyEntities({ r: ['switch.fan'] });
    expect(store.entities.value.has('switch.fan')).toBe(false);
    expect(store.entities.value).not.toBe(before);
  });

  it('keeps the same map when only states change, so sections do not regroup', () => {
    const { store } = storeWithCalls();
    const before = store.entities.value;
    store.applyEntities({ c: { 'sensor.hall_temperature': { '+': { s: '21.5' } } } });
    expect(store.entities.value).toBe(before);
  });

  it('replaces everything with a new snapshot: entities gone meanwhile disappear, the rest keep their slot', () => {
    const { store, slot } = storeWithCalls();
    const kitchen = slot('light.kitchen');
    store.replaceEntities({ 'light.kitchen': state('off', { friendly_name: 'Kitchen light' }) });
    expect([...store.entities.value.keys()]).toEqual(['light.kitchen']);
    expect(slot('light.kitchen')).toBe(kitchen);
    expect(kitchen.view.value.state).toBe('off');
  });
});

describe('hub store: calls', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the target at once, and settles when the hub confirms', async () => {
    const { store, lastCall, mark, slot } = storeWithCalls();
    const kitchen = slot('light.kitchen');

    store.toggle('light.kitchen');
    // Synchronously, before any answer: the card already shows where it is going.
    expect(kitchen.pending.value).toMatchObject({ state: 'off' });
    expect(mark).toHaveBeenCalledWith('hearth:click:light.kitchen');
    expect(lastCall().call).toEqual({
      domain: 'light',
      service: 'turn_off',
      target: { entity_id: 'light.kitchen' },
    });

    store.applyEntities({ c: { 'light.kitchen': { '+': { s: 'off' } } } });
    lastCall().resolve();
    await flush();
    expect(kitchen.pending.value).toBeNull();
    expect(kitchen.view.value.state).toBe('off');
    expect(mark).toHaveBeenLastCalledWith('hearth:confirmed:light.kitchen');
  });

  it('reverts and shows why when the device does not confirm, for a few seconds', async () => {
    const { store, lastCall, mark, slot } = storeWithCalls();
    const fan = slot('switch.fan');

    store.toggle('switch.fan');
    expect(lastCall().call.service).toBe('turn_on');
    lastCall().reject(new HubError('device_timeout', 'light.x did not confirm within 5000 ms'));
    await flush();

    expect(fan.pending.value).toBeNull();
    expect(fan.view.value.state).toBe('off');
    expect(fan.error.value).toBe('The device did not respond in time');
    expect(mark).not.toHaveBeenCalledWith('hearth:confirmed:switch.fan');

    vi.advanceTimersByTime(4000);
    expect(fan.error.value).toBeNull();
  });

  it("shows the hub's own message for errors without a sentence of their own", async () => {
    const { store, lastCall, slot } = storeWithCalls();
    store.toggle('switch.fan');
    lastCall().reject(new HubError('invalid_format', 'service_data.brightness must be 0..255, got 300'));
    await flush();
    expect(slot('switch.fan').error.value).toBe('service_data.brightness must be 0..255, got 300');
  });

  it('lets only the latest call settle a card', async () => {
    const { store, calls, slot } = storeWithCalls();
    const fan = slot('switch.fan');
    store.toggle('switch.fan');
    store.toggle('switch.fan');
    expect(calls.map((c) => c.call.service)).toEqual(['turn_on', 'turn_off']);
    expect(fan.pending.value).toMatchObject({ state: 'off' });

    calls[0]?.reject(new HubError('device_timeout', 'late'));
    await flush();
    expect(fan.pending.value).toMatchObject({ state: 'off' });
    expect(fan.error.value).toBeNull();

    calls[1]?.resolve();
    await flush();
    expect(fan.pending.value).toBeNull();
  });

  it('sends brightness on turn_on, clamped to 1..255', () => {
    const { store, lastCall, slot } = storeWithCalls();
    store.setBrightness('light.kitchen', 0);
    expect(lastCall().call).toEqual({
      domain: 'light',
      service: 'turn_on',
      service_data: { brightness: 1 },
      target: { entity_id: 'light.kitchen' },
    });
    expect(slot('light.kitchen').pending.value).toMatchObject({ state: 'on', attributes: { brightness: 1 } });
  });

  it('does nothing for an unavailable entity', () => {
    const { store, calls, mark, slot } = storeWithCalls();
    store.toggle('light.porch');
    store.setBrightness('light.porch', 100);
    expect(calls).toEqual([]);
    expect(mark).not.toHaveBeenCalled();
    expect(slot('light.porch').pending.value).toBeNull();
  });

  it('forgets everything on reset', () => {
    const { store } = storeWithCalls();
    store.reset();
    expect(store.entities.value.size).toBe(0);
    expect(store.synced.value).toBe(false);
  });
});

describe('hub store: sections', () => {
  it('groups by area, the entity’s own area first, else its device’s; Other last', () => {
    const { store } = storeWithCalls();
    store.setRegistries({
      areas: [
        { area_id: 'living_room', name: 'Living room', icon: null },
        { area_id: 'kitchen', name: 'Kitchen', icon: null },
      ],
      devices: [
        {
          id: 'dev1',
          name: 'Fan plug',
          name_by_user: null,
          area_id: 'living_room',
          manufacturer: null,
          model: null,
        },
      ],
      entities: [
        entry('light.kitchen', { area_id: 'kitchen', device_id: 'dev1' }),
        entry('switch.fan', { device_id: 'dev1' }),
        entry('sensor.hall_temperature', { area_id: 'nowhere' }),
        entry('light.porch', { disabled_by: 'user' }),
      ],
    });
    expect(store.sections.value.map((g) => [g.name, g.items.map((s) => s.id)])).toEqual([
      ['Kitchen', ['light.kitchen']],
      ['Living room', ['switch.fan']],
      ['Other', ['sensor.hall_temperature']],
    ]);
  });

  it('puts controls before readings, then sorts by name', () => {
    const { store } = storeWithCalls();
    store.applyEntities({ a: { 'light.attic': state('off', { friendly_name: 'Attic' }) } });
    expect(store.sections.value[0]?.items.map((s) => s.id)).toEqual([
      'light.attic',
      'light.kitchen',
      'light.porch',
      'switch.fan',
      'sensor.hall_temperature',
    ]);
  });
});

function entry(entityId: string, fields: Partial<Record<'area_id' | 'device_id' | 'disabled_by', string>>) {
  return {
    entity_id: entityId,
    name: null,
    device_id: fields.device_id ?? null,
    area_id: fields.area_id ?? null,
    platform: 'mqtt',
    disabled_by: fields.disabled_by ?? null,
    hidden_by: null,
    icon: null,
  };
}
