import { describe, expect, it } from 'vitest';
import { registerSelectServices } from '../../../hub/domains/select-services.ts';
import { withRecordingController } from './recording-controller.ts';

const setup = (state = 'medium') =>
  withRecordingController(registerSelectServices, 'select.speed', ['selectOption'], state, {
    options: ['low', 'medium', 'high'],
  });

describe('select services', () => {
  it.each([
    ['select_option', { option: 'high' }, 'medium', 'high'],
    ['select_first', {}, 'medium', 'low'],
    ['select_last', {}, 'medium', 'high'],
    ['select_next', {}, 'medium', 'high'],
    ['select_next', {}, 'high', 'low'],
    ['select_next', { cycle: false }, 'high', 'high'],
    ['select_previous', {}, 'low', 'high'],
    ['select_previous', { cycle: false }, 'low', 'low'],
    ['select_next', {}, 'unknown', 'medium'],
    ['select_previous', {}, 'unknown', 'high'],
  ])('select.%s %j from %s selects %s', async (service, data, current, option) => {
    const { call, calls } = setup(current);
    await call(service, data);
    expect(calls).toEqual([['selectOption', option]]);
  });

  it.each([
    [
      'select_option',
      { option: 'turbo' },
      'service_data.option: must be one of low, medium, high, got "turbo"',
    ],
    ['select_option', { option: 2 }, 'service_data.option: must be a string, got 2'],
    ['select_option', {}, 'service_data.option'],
    ['select_next', { cycle: 1 }, 'service_data.cycle: must be a boolean, got 1'],
    ['select_first', { cycle: true }, 'cycle'],
  ])('refuses select.%s %j, naming the field', async (service, data, message) => {
    const { call, calls } = setup();
    await expect(call(service, data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(calls).toEqual([]);
  });
});
