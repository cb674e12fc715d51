import { describe, expect, it } from 'vitest';
import { registerNumberServices } from '../../../hub/domains/number-services.ts';
import type { Attributes } from '../../../hub/protocol/entity-state.ts';
import { withRecordingController } from './recording-controller.ts';

const setup = (attributes: Attributes = { min: 0, max: 10, step: 0.5 }) =>
  withRecordingController(registerNumberServices, 'number.level', ['setValue'], '1', attributes);

describe('number services', () => {
  it.each([
    [{ value: 2.5 }, 2.5],
    [{ value: '7' }, 7],
    [{ value: 0 }, 0],
    [{ value: 10 }, 10],
  ])('set_value %j asks the controller for %d', async (data, value) => {
    const { call, calls } = setup();
    await call('set_value', data);
    expect(calls).toEqual([['setValue', value]]);
  });

  it('counts the step from min, and forgives floating-point noise', async () => {
    const { call, calls } = setup({ min: -12.8, max: 12.8, step: 0.1 });
    await call('set_value', { value: 0.3 });
    await call('set_value', { value: -12.7 });
    expect(calls).toEqual([
      ['setValue', 0.3],
      ['setValue', -12.7],
    ]);
  });

  it.each([
    [{ value: 10.5 }, 'service_data.value: must be 0..10, got 10.5'],
    [{ value: -0.5 }, 'service_data.value: must be 0..10, got -0.5'],
    [{ value: 2.25 }, 'service_data.value: must be a multiple of 0.5 from 0, got 2.25'],
    [{ value: 'high' }, 'service_data.value: must be a number, got "high"'],
    [{ value: Number.NaN }, 'service_data.value'],
    [{}, 'service_data.value'],
  ])('refuses %j with a service_validation_error naming the field', async (data, message) => {
    const { call, calls } = setup();
    await expect(call('set_value', data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(calls).toEqual([]);
  });
});
