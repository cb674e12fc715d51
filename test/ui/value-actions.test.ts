import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { doorbellTest, hoodMode, strength } from './entities.ts';
import { connectedHub } from './hub-harness.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const hub = () =>
  connectedHub({ 'number.strength': strength, 'select.hood': hoodMode, 'button.doorbell': doorbellTest });

describe('number, select and button actions', () => {
  it('sets a number with number.set_value and shows the value until confirmed', async () => {
    const h = hub();
    h.store.setNumber('number.strength', 5);
    expect(h.lastCall()).toEqual({
      domain: 'number',
      service: 'set_value',
      service_data: { value: 5 },
      target: { entity_id: 'number.strength' },
    });
    expect(h.slot('number.strength').pending.value).toMatchObject({ state: '5' });
    await h.confirm('number.strength', { s: '5.0' });
    expect(h.slot('number.strength').pending.value).toBeNull();
    expect(h.slot('number.strength').view.value.state).toBe('5.0');
  });

  it('shows the hub message of a refused number and goes back to the confirmed value', async () => {
    const h = hub();
    h.store.setNumber('number.strength', 9);
    await h.fail('service_validation_error', 'Value 9 for number.strength is outside 1..5');
    expect(h.slot('number.strength').view.value.state).toBe('3');
    expect(h.slot('number.strength').pending.value).toBeNull();
    expect(h.slot('number.strength').error.value).toBe('Value 9 for number.strength is outside 1..5');
  });

  it('selects an option with select.select_option', async () => {
    const h = hub();
    h.store.selectOption('select.hood', 'Boost');
    expect(h.lastCall()).toEqual({
      domain: 'select',
      service: 'select_option',
      service_data: { option: 'Boost' },
      target: { entity_id: 'select.hood' },
    });
    expect(h.slot('select.hood').pending.value).toMatchObject({ state: 'Boost' });
    await h.fail('device_timeout', 'x');
    expect(h.slot('select.hood').view.value.state).toBe('Normal');
  });

  it('presses a button; its state becomes the time of the press once confirmed', async () => {
    const h = hub();
    h.store.press('button.doorbell');
    expect(h.lastCall()).toEqual({
      domain: 'button',
      service: 'press',
      target: { entity_id: 'button.doorbell' },
    });
    expect(h.slot('button.doorbell').pending.value).toMatchObject({ service: 'press' });
    await h.confirm('button.doorbell', { s: '2025-01-01T12:05:00.000Z' });
    expect(h.slot('button.doorbell').pending.value).toBeNull();
    expect(h.slot('button.doorbell').view.value.state).toBe('2025-01-01T12:05:00.000Z');
  });

  it('does nothing for an unavailable entity', () => {
    const h = connectedHub({ 'select.hood': { ...hoodMode, s: 'unavailable' } });
    h.store.selectOption('select.hood', 'Boost');
    expect(h.calls()).toEqual([]);
  });
});
