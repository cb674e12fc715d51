import { HubError } from '../../core/hub-error.ts';
import type { LightFlash, LightTurnOffParams, LightTurnOnParams } from '../../domains/light-services.ts';
import type { ColorMode } from '../discovery-schemas.ts';
import type { Hs, Rgb, Rgbw, Rgbww, Xy } from './light-color.ts';
import {
  colorTemperatureToHs,
  colorTemperatureToRgbww,
  hsToRgb,
  hsToXy,
  rgbToHs,
  rgbToRgbw,
  rgbToRgbww,
  rgbToXy,
  rgbwToRgb,
  rgbwwToRgb,
  xyToColorTemperature,
  xyToHs,
  xyToRgb,
} from './light-color.ts';
import { colorNameToRgb } from './light-color-names.ts';
import type { LightTraits } from './light-model.ts';
import {
  brightnessSupported,
  colorSupported,
  FEATURE_EFFECT,
  FEATURE_FLASH,
  FEATURE_TRANSITION,
} from './light-model.ts';

/** What reaches a light's `async_turn_on`: Home Assistant's kwargs, after its light component has converted them. */
export interface LightCommand {
  brightness?: number;
  color_temp_kelvin?: number;
  hs_color?: Hs;
  rgb_color?: Rgb;
  rgbw_color?: Rgbw;
  rgbww_color?: Rgbww;
  xy_color?: Xy;
  white?: number;
  effect?: string;
  flash?: LightFlash;
  transition?: number;
}

export type TurnOnPlan = { off: false; command: LightCommand } | { off: true; params: LightTurnOffParams };

const COLOR_FIELDS = [
  'color_name',
  'color_temp_kelvin',
  'hs_color',
  'rgb_color',
  'rgbw_color',
  'rgbww_color',
  'xy_color',
] as const;
const COMMAND_COLORS = [
  'color_temp_kelvin',
  'hs_color',
  'rgb_color',
  'rgbw_color',
  'rgbww_color',
  'xy_color',
] as const;

/**
 * `light.turn_on` as Home Assistant's light component hands it to a light
 * (`async_handle_light_on_service`, then `filter_turn_on_params`): a colour the light cannot show is
 * converted to one it can (hs → rgb, xy, colour temperature…), `white: true` takes the current
 * brightness, brightness 0 turns the light off, and what the light does not support is dropped.
 * Stricter than Home Assistant, which drops them silently: a colour or `white` the light cannot
 * show in any of its modes is a `service_validation_error` naming the field.
 */
export function planTurnOn(
  entityId: string,
  input: LightTurnOnParams,
  traits: LightTraits,
  currentBrightness: number | null,
): TurnOnPlan {
  const { color_name, white, ...rest } = input;
  const params: LightCommand = { ...rest, ...(typeof white === 'number' && { white }) };
  if (color_name !== undefined) {
    const rgb = colorNameToRgb(color_name);
    if (!rgb)
      throw new HubError(
        'service_validation_error',
        `service_data.color_name: unknown colour "${color_name}"`,
      );
    params.rgb_color = rgb;
  }
  convertColor(params, traits, currentBrightness);
  // "If white is set to True, set it to the light's brightness."
  if (white === true) params.white = currentBrightness ?? 255;
  // "If both white and brightness are specified, override white."
  if (traits.declaredModes?.includes('white') && params.white !== undefined) {
    params.white = params.brightness ?? params.white;
    delete params.brightness;
  }
  if (params.brightness === 0 || params.white === 0) {
    const off: LightTurnOffParams = {};
    if (input.transition !== undefined) off.transition = input.transition;
    if (input.flash !== undefined) off.flash = input.flash;
    return { off: true, params: filterTurnOff(off, traits) };
  }
  const command = filterTurnOn(params, traits);
  const field = COLOR_FIELDS.find((key) => input[key] !== undefined);
  if (field && !COMMAND_COLORS.some((key) => command[key] !== undefined))
    throw new HubError(
      'service_validation_error',
      `service_data.${field}: ${entityId} shows no colour of that kind (supported_color_modes: ${traits.modes.join(', ')})`,
    );
  if (white !== undefined && command.white === undefined)
    throw new HubError(
      'service_validation_error',
      `service_data.white: ${entityId} has no white mode (supported_color_modes: ${traits.modes.join(', ')})`,
    );
  return { off: false, command };
}

/** `filter_turn_off_params`: transition and flash, where the light supports them. */
export function filterTurnOff(params: LightTurnOffParams, traits: LightTraits): LightTurnOffParams {
  const out: LightTurnOffParams = {};
  if (params.transition !== undefined && traits.features & FEATURE_TRANSITION)
    out.transition = params.transition;
  if (params.flash !== undefined && traits.features & FEATURE_FLASH) out.flash = params.flash;
  return out;
}

/** `filter_turn_on_params`. */
function filterTurnOn(params: LightCommand, traits: LightTraits): LightCommand {
  const { modes, features } = traits;
  const out: LightCommand = { ...params };
  if (!(features & FEATURE_EFFECT)) delete out.effect;
  if (!(features & FEATURE_FLASH)) delete out.flash;
  if (!(features & FEATURE_TRANSITION)) delete out.transition;
  if (!brightnessSupported(modes)) delete out.brightness;
  if (!modes.includes('color_temp')) delete out.color_temp_kelvin;
  if (!modes.includes('hs')) delete out.hs_color;
  if (!modes.includes('rgb')) delete out.rgb_color;
  if (!modes.includes('rgbw')) delete out.rgbw_color;
  if (!modes.includes('rgbww')) delete out.rgbww_color;
  if (!modes.includes('white')) delete out.white;
  if (!modes.includes('xy')) delete out.xy_color;
  return out;
}

/** The colour conversions of `async_handle_light_on_service`, in its order. */
function convertColor(params: LightCommand, traits: LightTraits, currentBrightness: number | null): void {
  const supported = traits.declaredModes;
  const legacy = traits.modes;
  const { minKelvin, maxKelvin } = traits;

  // "If a color temperature is specified, emulate it if not supported by the light."
  const kelvin = params.color_temp_kelvin;
  if (kelvin !== undefined) {
    if (supported && !supported.includes('color_temp') && supported.includes('rgbww')) {
      delete params.color_temp_kelvin;
      // Home Assistant reads the light's brightness here, which may be unknown: full brightness then.
      const brightness = params.brightness ?? currentBrightness ?? 255;
      params.rgbww_color = colorTemperatureToRgbww(kelvin, brightness, minKelvin, maxKelvin);
    } else if (!legacy.includes('color_temp')) {
      delete params.color_temp_kelvin;
      if (colorSupported(legacy)) params.hs_color = colorTemperatureToHs(kelvin);
    }
  }

  const has = (mode: ColorMode) => supported?.includes(mode) ?? false;
  const toColorTemp = (xy: Xy) => {
    params.color_temp_kelvin = xyToColorTemperature(xy[0], xy[1]);
  };

  if (!supported) {
    const { rgb_color, xy_color, rgbw_color, rgbww_color } = params;
    if (rgb_color) params.hs_color = rgbToHs(...rgb_color);
    else if (xy_color) params.hs_color = xyToHs(...xy_color);
    else if (rgbw_color) params.hs_color = rgbToHs(...rgbwToRgb(...rgbw_color));
    else if (rgbww_color) params.hs_color = rgbToHs(...rgbwwToRgb(...rgbww_color, minKelvin, maxKelvin));
    delete params.rgb_color;
    delete params.xy_color;
    delete params.rgbw_color;
    delete params.rgbww_color;
  } else if (params.hs_color && !has('hs')) {
    const hs = params.hs_color;
    delete params.hs_color;
    if (has('rgb')) params.rgb_color = hsToRgb(...hs);
    else if (has('rgbw')) params.rgbw_color = rgbToRgbw(...hsToRgb(...hs));
    else if (has('rgbww')) params.rgbww_color = rgbToRgbww(...hsToRgb(...hs), minKelvin, maxKelvin);
    else if (has('xy')) params.xy_color = hsToXy(...hs);
    else if (has('color_temp')) toColorTemp(hsToXy(...hs));
  } else if (params.rgb_color && !has('rgb')) {
    const rgb = params.rgb_color;
    delete params.rgb_color;
    if (has('rgbw')) params.rgbw_color = rgbToRgbw(...rgb);
    else if (has('rgbww')) params.rgbww_color = rgbToRgbww(...rgb, minKelvin, maxKelvin);
    else if (has('hs')) params.hs_color = rgbToHs(...rgb);
    else if (has('xy')) params.xy_color = rgbToXy(...rgb);
    else if (has('color_temp')) toColorTemp(rgbToXy(...rgb));
  } else if (params.xy_color && !has('xy')) {
    const xy = params.xy_color;
    delete params.xy_color;
    if (has('hs')) params.hs_color = xyToHs(...xy);
    else if (has('rgb')) params.rgb_color = xyToRgb(...xy);
    else if (has('rgbw')) params.rgbw_color = rgbToRgbw(...xyToRgb(...xy));
    else if (has('rgbww')) params.rgbww_color = rgbToRgbww(...xyToRgb(...xy), minKelvin, maxKelvin);
    else if (has('color_temp')) toColorTemp(xy);
  } else if (params.rgbw_color && !has('rgbw')) {
    const rgb = rgbwToRgb(...params.rgbw_color);
    delete params.rgbw_color;
    if (has('rgb')) params.rgb_color = rgb;
    else if (has('rgbww')) params.rgbww_color = rgbToRgbww(...rgb, minKelvin, maxKelvin);
    else if (has('hs')) params.hs_color = rgbToHs(...rgb);
    else if (has('xy')) params.xy_color = rgbToXy(...rgb);
    else if (has('color_temp')) toColorTemp(rgbToXy(...rgb));
  } else if (params.rgbww_color && !has('rgbww')) {
    const rgb = rgbwwToRgb(...params.rgbww_color, minKelvin, maxKelvin);
    delete params.rgbww_color;
    if (has('rgb')) params.rgb_color = rgb;
    else if (has('rgbw')) params.rgbw_color = rgbToRgbw(...rgb);
    else if (has('hs')) params.hs_color = rgbToHs(...rgb);
    else if (has('xy')) params.xy_color = rgbToXy(...rgb);
    else if (has('color_temp')) toColorTemp(rgbToXy(...rgb));
  }
}
