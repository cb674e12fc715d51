import { describe, expect, it } from 'vitest';
import { LockFeature, registerLockServices } from '../../../hub/domains/lock-services.ts';
import { withRecordingController } from './recording-controller.ts';

const setup = (supported: number = LockFeature.OPEN) =>
  withRecordingController(registerLockServices, 'lock.door', ['lock', 'unlock', 'open'], 'locked', {
    supported_features: supported,
  });

describe('lock services', () => {
  it.each([
    ['lock', {}, ['lock', undefined]],
    ['unlock', { code: '1234' }, ['unlock', '1234']],
    ['open', { code: '0042' }, ['open', '0042']],
    ['unlock', { code: 1234 }, ['unlock', '1234']],
  ])('lock.%s %j hands the controller the code', async (service, data, expected) => {
    const { call, calls } = setup();
    await call(service, data);
    expect(calls).toEqual([expected]);
  });

  it('refuses lock.open to a lock without the open feature', async () => {
    const { call, calls } = setup(0);
    await expect(call('open')).rejects.toMatchObject({
      code: 'service_validation_error',
      message: 'Entity lock.door does not support action lock.open',
    });
    expect(calls).toEqual([]);
  });

  it.each([
    [{ code: 'x'.repeat(65) }, 'service_data.code: must be at most 64 characters'],
    [{ code: 12.5 }, 'service_data.code: must be a string, got 12.5'],
    [{ code: '1234', force: true }, 'force'],
  ])('refuses %j, naming the field', async (data, message) => {
    const { call, calls } = setup();
    await expect(call('unlock', data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(calls).toEqual([]);
  });

  it('describes lock, unlock and open with their code field', () => {
    const { services } = setup();
    const lock = services.describe().lock ?? {};
    expect(Object.keys(lock)).toEqual(['lock', 'unlock', 'open']);
    expect(Object.keys(lock.open?.fields ?? {})).toEqual(['code']);
  });
});
