import { describe, expect, it } from 'vitest';
import { CoverFeature, registerCoverServices } from '../../../hub/domains/cover-services.ts';
import { withRecordingController } from './recording-controller.ts';

const METHODS = [
  'openCover',
  'closeCover',
  'stopCover',
  'toggle',
  'setCoverPosition',
  'openCoverTilt',
  'closeCoverTilt',
  'stopCoverTilt',
  'setCoverTiltPosition',
  'toggleTilt',
];
const ALL_FEATURES = Object.values(CoverFeature).reduce((all, bit) => all | bit, 0);

const setup = (supported = ALL_FEATURES) =>
  withRecordingController(registerCoverServices, 'cover.blind', METHODS, 'open', {
    current_position: 50,
    supported_features: supported,
  });

describe('cover services', () => {
  it.each([
    ['open_cover', {}, ['openCover']],
    ['close_cover', {}, ['closeCover']],
    ['stop_cover', {}, ['stopCover']],
    ['toggle', {}, ['toggle']],
    ['set_cover_position', { position: 30 }, ['setCoverPosition', 30]],
    ['open_cover_tilt', {}, ['openCoverTilt']],
    ['close_cover_tilt', {}, ['closeCoverTilt']],
    ['stop_cover_tilt', {}, ['stopCoverTilt']],
    ['set_cover_tilt_position', { tilt_position: 80 }, ['setCoverTiltPosition', 80]],
    ['toggle_cover_tilt', {}, ['toggleTilt']],
  ])('cover.%s %j asks the controller for %j', async (service, data, expected) => {
    const { call, calls } = setup();
    await call(service, data);
    expect(calls).toEqual([expected]);
  });

  it.each([
    ['open_cover', CoverFeature.OPEN],
    ['close_cover', CoverFeature.CLOSE],
    ['stop_cover', CoverFeature.STOP],
    ['toggle', CoverFeature.OPEN],
    ['set_cover_position', CoverFeature.SET_POSITION],
    ['open_cover_tilt', CoverFeature.OPEN_TILT],
    ['stop_cover_tilt', CoverFeature.STOP_TILT],
    ['set_cover_tilt_position', CoverFeature.SET_TILT_POSITION],
    ['toggle_cover_tilt', CoverFeature.CLOSE_TILT],
  ])('refuses cover.%s to a cover that lacks a feature it needs (%i)', async (service, missing) => {
    const { call, calls } = setup(ALL_FEATURES & ~missing);
    const data =
      service === 'set_cover_position'
        ? { position: 1 }
        : service.includes('tilt_position')
          ? { tilt_position: 1 }
          : {};
    await expect(call(service, data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: `Entity cover.blind does not support action cover.${service}`,
    });
    expect(calls).toEqual([]);
  });

  it.each([
    [{ position: '40' }, 40],
    [{ position: 40.9 }, 40],
    [{ position: 0 }, 0],
    [{ position: 100 }, 100],
  ])('coerces %j to the int %i, as vol.Coerce(int) does', async (data, position) => {
    const { call, calls } = setup();
    await call('set_cover_position', data);
    expect(calls).toEqual([['setCoverPosition', position]]);
  });

  it.each([
    [{ position: 101 }, 'service_data.position: must be 0..100, got 101'],
    [{ position: -1 }, 'service_data.position: must be 0..100, got -1'],
    [{ position: '40.5' }, 'service_data.position: must be a number, got "40.5"'],
    [{ position: null }, 'service_data.position: must be a number, got null'],
    [{}, 'service_data.position'],
    [{ position: 10, tilt_position: 10 }, 'tilt_position'],
  ])('refuses set_cover_position %j, naming the field', async (data, message) => {
    const { call, calls } = setup();
    await expect(call('set_cover_position', data)).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(message),
    });
    expect(calls).toEqual([]);
  });

  it('describes the ten cover services, with the position fields', () => {
    const { services } = setup();
    const cover = services.describe().cover ?? {};
    expect(Object.keys(cover).sort()).toEqual(
      [
        'close_cover',
        'close_cover_tilt',
        'open_cover',
        'open_cover_tilt',
        'set_cover_position',
        'set_cover_tilt_position',
        'stop_cover',
        'stop_cover_tilt',
        'toggle',
        'toggle_cover_tilt',
      ].sort(),
    );
    expect(Object.keys(cover.set_cover_position?.fields ?? {})).toEqual(['position']);
    expect(Object.keys(cover.set_cover_tilt_position?.fields ?? {})).toEqual(['tilt_position']);
  });
});
