import { describe, expect, it } from 'vitest';
import { CommandConfirmations } from '../../../hub/core/command-confirmations.ts';
import { createContext } from '../../../hub/core/context.ts';
import type { StateChanged } from '../../../hub/core/event-bus.ts';
import { EventBus } from '../../../hub/core/event-bus.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import { StateMachine } from '../../../hub/core/state-machine.ts';
import { FakeClock } from './fake-clock.ts';

function setup() {
  const clock = new FakeClock();
  const bus = new EventBus(silentLogger);
  const confirmations = new CommandConfirmations(clock);
  const states = new StateMachine(bus, clock, confirmations);
  const events: StateChanged[] = [];
  bus.on('test', 'stateChanged', (e) => events.push(e));
  return { clock, bus, confirmations, states, events };
}

describe('StateMachine', () => {
  it('emits one stateChanged with the old and new state', () => {
    const { states, events } = setup();
    states.set('light.a', 'off', { friendly_name: 'A' });
    states.set('light.a', 'on', { friendly_name: 'A' });
    expect(events).toHaveLength(2);
    expect(events[1]?.old_state?.state).toBe('off');
    expect(events[1]?.new_state?.state).toBe('on');
  });

  it('emits nothing for a write that changes nothing', () => {
    const { states, events } = setup();
    states.set('sensor.t', '21', { unit_of_measurement: '°C' });
    states.set('sensor.t', '21', { unit_of_measurement: '°C' });
    expect(events).toHaveLength(1);
  });

  it('moves last_changed only when the state string changes, last_updated on attributes too', () => {
    const { states, clock } = setup();
    const first = states.set('light.a', 'on', { brightness: 10 });
    clock.advance(1000);
    const second = states.set('light.a', 'on', { brightness: 20 });
    expect(second?.last_changed).toBe(first?.last_changed);
    expect(second?.last_updated).not.toBe(first?.last_updated);
    clock.advance(1000);
    const third = states.set('light.a', 'off', { brightness: 20 });
    expect(third?.last_changed).toBe(third?.last_updated);
  });

  it('gives a report that confirms a pending command the command context, and resolves it after the event', async () => {
    const { states, confirmations, events } = setup();
    states.set('light.a', 'off', {});
    const context = createContext(0, 'user-1');
    const order: string[] = [];
    const pending = confirmations
      .expect('light.a', context, (s) => s === 'on', 5000)
      .then((s) => {
        order.push('resolved');
        return s;
      });
    states.set('light.a', 'on', {});
    order.push('emitted');
    const confirmed = await pending;
    expect(confirmed.context).toBe(context);
    expect(events.at(-1)?.context).toBe(context);
    expect(order).toEqual(['emitted', 'resolved']);
  });

  it('leaves a report that does not match the pending command with a fresh context', () => {
    const { states, confirmations, events } = setup();
    const context = createContext(0);
    void confirmations.expect('light.a', context, (s) => s === 'on', 5000).catch(() => {});
    states.set('light.a', 'off', {});
    expect(events.at(-1)?.context.id).not.toBe(context.id);
    expect(confirmations.hasPending('light.a')).toBe(true);
  });

  it('confirms a command whose requested state is already the current one, without an event', async () => {
    const { states, confirmations, events } = setup();
    states.set('light.a', 'on', {});
    const pending = confirmations.expect('light.a', createContext(0), (s) => s === 'on', 5000);
    states.set('light.a', 'on', {});
    await expect(pending).resolves.toMatchObject({ state: 'on' });
    expect(events).toHaveLength(1);
  });

  it('fails a pending command with device_timeout after the bound', async () => {
    const { confirmations, clock } = setup();
    const pending = confirmations.expect('light.a', createContext(0), (s) => s === 'on', 5000);
    clock.advance(4999);
    expect(confirmations.hasPending('light.a')).toBe(true);
    clock.advance(1);
    await expect(pending).rejects.toMatchObject({ code: 'device_timeout' });
  });

  it('fails a pending command with device_unavailable when the device goes offline', async () => {
    const { states, confirmations } = setup();
    const pending = confirmations.expect('light.a', createContext(0), (s) => s === 'on', 5000);
    states.set('light.a', 'unavailable', {});
    await expect(pending).rejects.toMatchObject({ code: 'device_unavailable' });
  });

  it('emits a removal with new_state null', () => {
    const { states, events } = setup();
    states.set('light.a', 'on', {});
    states.remove('light.a');
    expect(events.at(-1)?.new_state).toBeNull();
    expect(states.get('light.a')).toBeUndefined();
  });
});

describe('EventBus', () => {
  it('isolates a throwing listener from the others', () => {
    const logged: string[] = [];
    const bus = new EventBus({ ...silentLogger, error: (m) => logged.push(m) });
    const seen: string[] = [];
    bus.on('broken', 'stateChanged', () => {
      throw new Error('boom');
    });
    bus.on('fine', 'stateChanged', (e) => seen.push(e.entity_id));
    bus.emit('stateChanged', {
      entity_id: 'light.a',
      old_state: null,
      new_state: null,
      context: createContext(0),
    });
    expect(seen).toEqual(['light.a']);
    expect(logged[0]).toMatch(/^broken\/stateChanged: Error: boom/);
  });

  it('removes exactly the listeners of one owner', () => {
    const bus = new EventBus(silentLogger);
    const seen: string[] = [];
    bus.on('a', 'stateChanged', () => seen.push('a'));
    bus.on('b', 'stateChanged', () => seen.push('b'));
    bus.removeListeners('a');
    bus.emit('stateChanged', {
      entity_id: 'x.y',
      old_state: null,
      new_state: null,
      context: createContext(0),
    });
    expect(seen).toEqual(['b']);
  });
});
