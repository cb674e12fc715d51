import { describe, expect, it } from 'vitest';
import { registerButtonServices } from '../../../hub/domains/button-services.ts';
import { withRecordingController } from './recording-controller.ts';

const setup = () =>
  withRecordingController(registerButtonServices, 'button.identify', ['press'], 'unknown', {});

describe('button services', () => {
  it('button.press asks the controller to press, and returns the call context', async () => {
    const { call, calls } = setup();
    const context = await call('press');
    expect(calls).toEqual([['press']]);
    expect(context.user_id).toBe('u1');
  });

  it('refuses service data, naming the key', async () => {
    const { call, calls } = setup();
    await expect(call('press', { times: 2 })).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining('times'),
    });
    expect(calls).toEqual([]);
  });

  it('answers not_found for a button no integration serves', async () => {
    const { services, states } = setup();
    states.set('button.other', 'unknown', {});
    await expect(
      services.call({
        domain: 'button',
        service: 'press',
        serviceData: {},
        target: { entity_id: ['button.other'] },
        userId: null,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
