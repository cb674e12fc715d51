import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frontDoor } from './entities.ts';
import { connectedHub } from './hub-harness.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('lock actions', () => {
  it('asks for a second tap before unlocking, and sends lock.unlock on it', async () => {
    const hub = connectedHub({ 'lock.front': frontDoor });
    const slot = hub.slot('lock.front');

    hub.store.unlock('lock.front');
    expect(slot.confirming.value).toBe('unlock');
    expect(hub.calls()).toEqual([]);
    expect(slot.pending.value).toBeNull();

    vi.advanceTimersByTime(3000);
    hub.store.unlock('lock.front');
    expect(slot.confirming.value).toBeNull();
    expect(hub.calls()).toEqual([{ domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front' } }]);
    expect(slot.pending.value).toMatchObject({ state: 'unlocking' });

    await hub.confirm('lock.front', { s: 'unlocked' });
    expect(slot.pending.value).toBeNull();
    expect(slot.view.value.state).toBe('unlocked');
  });

  it('forgets the first tap after the confirmation window', () => {
    const hub = connectedHub({ 'lock.front': frontDoor }, { confirmWindowMs: 4000 });
    hub.store.unlock('lock.front');
    vi.advanceTimersByTime(4000);
    expect(hub.slot('lock.front').confirming.value).toBeNull();
    hub.store.unlock('lock.front');
    expect(hub.calls()).toEqual([]);
    expect(hub.slot('lock.front').confirming.value).toBe('unlock');
  });

  it('guards open (unlatch) the same way, and a tap on another action re-arms for that one', () => {
    const hub = connectedHub({ 'lock.front': frontDoor });
    hub.store.unlock('lock.front');
    hub.store.openLock('lock.front');
    expect(hub.slot('lock.front').confirming.value).toBe('open');
    expect(hub.calls()).toEqual([]);
    hub.store.openLock('lock.front');
    expect(hub.calls()).toEqual([{ domain: 'lock', service: 'open', target: { entity_id: 'lock.front' } }]);
    expect(hub.slot('lock.front').pending.value).toMatchObject({ state: 'opening' });
  });

  it('locks at once, and disarms a pending confirmation', async () => {
    const hub = connectedHub({ 'lock.front': { ...frontDoor, s: 'unlocked' } });
    hub.store.unlock('lock.front');
    hub.store.lock('lock.front');
    expect(hub.slot('lock.front').confirming.value).toBeNull();
    expect(hub.calls()).toEqual([{ domain: 'lock', service: 'lock', target: { entity_id: 'lock.front' } }]);
    expect(hub.slot('lock.front').pending.value).toMatchObject({ state: 'locking' });

    await hub.fail('device_timeout', 'lock.front did not confirm');
    expect(hub.slot('lock.front').view.value.state).toBe('unlocked');
    expect(hub.slot('lock.front').pending.value).toBeNull();
    expect(hub.slot('lock.front').error.value).toBe('The device did not respond in time');
  });

  it('cancels a confirmation on request', () => {
    const hub = connectedHub({ 'lock.front': frontDoor });
    hub.store.unlock('lock.front');
    hub.store.cancelConfirm('lock.front');
    expect(hub.slot('lock.front').confirming.value).toBeNull();
    hub.store.unlock('lock.front');
    expect(hub.calls()).toEqual([]);
  });
});
