import { describe, expect, it } from 'vitest';
import type { LightTraits } from '../../../../hub/discovery/components/light-model.ts';
import { planTurnOn } from '../../../../hub/discovery/components/light-turn-on.ts';
import type { ColorMode } from '../../../../hub/discovery/discovery-schemas.ts';
import type { LightTurnOnParams } from '../../../../hub/domains/light-services.ts';

const traits = (modes: ColorMode[] | null, features = 44): LightTraits => ({
  declaredModes: modes,
  modes: modes ?? ['onoff'],
  features,
  minKelvin: 2000,
  maxKelvin: 6535,
  effectList: null,
  assumedState: false,
});

// Expected values computed with Home Assistant's color_util, as its light component converts them
// (homeassistant/components/light/__init__.py, async_handle_light_on_service).
describe('light.turn_on, as Home Assistant hands it to a light', () => {
  it.each<[string, ColorMode[], LightTurnOnParams, Record<string, unknown>]>([
    ['hs on an rgbw light', ['rgbw'], { hs_color: [30, 60] }, { rgbw_color: [255, 127, 0, 170] }],
    ['hs on an rgbww light', ['rgbww'], { hs_color: [30, 60] }, { rgbww_color: [30, 20, 0, 255, 255] }],
    ['hs on a white-spectrum light', ['color_temp'], { hs_color: [30, 60] }, { color_temp_kelvin: 2057 }],
    ['rgb on an hs light', ['hs'], { rgb_color: [255, 128, 0] }, { hs_color: [30.118, 100] }],
    ['a colour name on an hs light', ['hs'], { color_name: 'dark orange' }, { hs_color: [32.941, 100] }],
    ['xy on an hs light', ['hs', 'color_temp'], { xy_color: [0.5, 0.4] }, { hs_color: [32.484, 61.569] }],
    ['rgbw on an rgb light', ['rgb'], { rgbw_color: [255, 0, 0, 128] }, { rgb_color: [255, 85, 85] }],
    ['rgbww on an xy light', ['xy'], { rgbww_color: [255, 0, 0, 0, 128] }, { xy_color: [0.686, 0.31] }],
    [
      'rgb on a white-spectrum light',
      ['color_temp'],
      { rgb_color: [255, 200, 150] },
      { color_temp_kelvin: 2699 },
    ],
    ['a temperature on an hs light', ['hs'], { color_temp_kelvin: 3000 }, { hs_color: [27.825, 56.895] }],
    [
      'a temperature on an rgbww light, at the given brightness',
      ['rgbww'],
      { color_temp_kelvin: 3000, brightness: 100 },
      { brightness: 100, rgbww_color: [0, 0, 0, 48, 52] },
    ],
    [
      'a colour name on a white-spectrum light, as McCamy has it',
      ['color_temp'],
      { color_name: 'red' },
      { color_temp_kelvin: 6279 },
    ],
    ['a colour it has, unchanged', ['xy', 'color_temp'], { xy_color: [0.3, 0.3] }, { xy_color: [0.3, 0.3] }],
    ['white: true, at the current brightness', ['hs', 'white'], { white: true }, { white: 77 }],
    [
      'white with a brightness: the brightness is the white level',
      ['rgb', 'white'],
      { white: 10, brightness: 200 },
      { white: 200 },
    ],
    [
      'effect, flash and transition it supports',
      ['hs'],
      { effect: 'x', flash: 'long', transition: 3 },
      { effect: 'x', flash: 'long', transition: 3 },
    ],
  ])('converts %s', (_name, modes, params, command) => {
    expect(planTurnOn('light.l', params, traits(modes), 77)).toEqual({ off: false, command });
  });

  it('drops what the light does not support, as filter_turn_on_params does', () => {
    expect(
      planTurnOn(
        'light.l',
        { brightness: 10, effect: 'x', flash: 'short', transition: 1 },
        traits(['onoff'], 0),
        null,
      ),
    ).toEqual({
      off: false,
      command: {},
    });
  });

  it.each<[LightTurnOnParams, LightTraits, Record<string, unknown>]>([
    [{ brightness: 0 }, traits(['hs']), {}],
    [
      { brightness: 0, transition: 2, flash: 'short', hs_color: [1, 2] },
      traits(['hs']),
      { transition: 2, flash: 'short' },
    ],
    [{ brightness: 0, transition: 2 }, traits(['brightness'], 0), {}],
    [{ white: 0 }, traits(['rgb', 'white']), {}],
  ])('turns the light off for %j', (params, lightTraits, off) => {
    expect(planTurnOn('light.l', params, lightTraits, 100)).toEqual({ off: true, params: off });
  });

  it.each<[LightTurnOnParams, ColorMode[] | null, string]>([
    [
      { hs_color: [30, 100] },
      ['brightness'],
      'service_data.hs_color: light.l shows no colour of that kind (supported_color_modes: brightness)',
    ],
    [{ color_temp_kelvin: 3000 }, ['brightness'], 'service_data.color_temp_kelvin'],
    [
      { rgb_color: [1, 2, 3] },
      null,
      'service_data.rgb_color: light.l shows no colour of that kind (supported_color_modes: onoff)',
    ],
    [{ xy_color: [0.3, 0.3] }, ['onoff'], 'service_data.xy_color'],
    [{ color_name: 'no such colour' }, ['hs'], 'service_data.color_name: unknown colour "no such colour"'],
    [{ white: 100 }, ['hs'], 'service_data.white: light.l has no white mode (supported_color_modes: hs)'],
  ])('refuses %j on a light with modes %j', (params, modes, message) => {
    expect(() => planTurnOn('light.l', params, traits(modes), 100)).toThrow(
      expect.objectContaining({
        code: 'service_validation_error',
        message: expect.stringContaining(message),
      }),
    );
  });
});
