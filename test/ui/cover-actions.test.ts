import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blinds } from './entities.ts';
import { connectedHub } from './hub-harness.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('cover actions', () => {
  it.each([
    ['open', 'open_cover', 'opening'],
    ['close', 'close_cover', 'closing'],
  ] as const)('%s sends cover.%s and shows %s at once', (move, service, shown) => {
    const hub = connectedHub({ 'cover.blinds': blinds });
    hub.store.moveCover('cover.blinds', move);
    expect(hub.lastCall()).toEqual({ domain: 'cover', service, target: { entity_id: 'cover.blinds' } });
    expect(hub.slot('cover.blinds').pending.value).toMatchObject({ state: shown });
  });

  it('stop takes over an open still in flight: the late open answer no longer settles the card', async () => {
    const hub = connectedHub({ 'cover.blinds': blinds });
    hub.store.moveCover('cover.blinds', 'open');
    hub.store.moveCover('cover.blinds', 'stop');
    expect(hub.lastCall()).toEqual({
      domain: 'cover',
      service: 'stop_cover',
      target: { entity_id: 'cover.blinds' },
    });
    expect(hub.slot('cover.blinds').pending.value).toMatchObject({ service: 'stop_cover', attributes: {} });
    expect(hub.slot('cover.blinds').pending.value?.state).toBeUndefined();

    await hub.fail('device_timeout', 'open interrupted', 0);
    expect(hub.slot('cover.blinds').error.value).toBeNull();
    await hub.confirm('cover.blinds', { s: 'stopped', a: { ...blinds.a, current_position: 72 } }, 1);
    expect(hub.slot('cover.blinds').pending.value).toBeNull();
    expect(hub.slot('cover.blinds').view.value.state).toBe('stopped');
  });

  it('sets the position 0..100 and the tilt, and shows them as targets', async () => {
    const hub = connectedHub({ 'cover.blinds': blinds });
    hub.store.setCoverPosition('cover.blinds', 25.4);
    hub.store.setCoverTilt('cover.blinds', 140);
    expect(hub.calls()).toEqual([
      {
        domain: 'cover',
        service: 'set_cover_position',
        service_data: { position: 25 },
        target: { entity_id: 'cover.blinds' },
      },
      {
        domain: 'cover',
        service: 'set_cover_tilt_position',
        service_data: { tilt_position: 100 },
        target: { entity_id: 'cover.blinds' },
      },
    ]);
    expect(hub.slot('cover.blinds').pending.value?.attributes).toEqual({
      current_position: 25,
      current_tilt_position: 100,
    });

    await hub.fail('device_unavailable', 'cover.blinds is offline', 0);
    expect(hub.slot('cover.blinds').pending.value?.attributes).toEqual({ current_tilt_position: 100 });
    expect(hub.slot('cover.blinds').error.value).toBe('The device is unavailable');
  });
});
