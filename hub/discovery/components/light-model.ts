import type { Attributes } from '../../protocol/entity-state.ts';
import type { ColorMode } from '../discovery-schemas.ts';
import {
  colorTemperatureToHs,
  hsToRgb,
  hsToXy,
  kelvinToMired,
  miredToKelvin,
  pyRound,
  rgbToHs,
  rgbToXy,
  rgbwToRgb,
  rgbwwToRgb,
  xyToHs,
  xyToRgb,
} from './light-color.ts';

/**
 * The light entity model of Home Assistant (https://developers.home-assistant.io/docs/core/entity/light,
 * `homeassistant/components/light/__init__.py`): what a light is (its traits) and what it reports
 * (its values), and the attributes Home Assistant derives from both.
 */

/** A light's colour mode; `unknown` while a light with several modes has not said which. */
export type LightColorMode = ColorMode | 'unknown';

/** What a light reports, in Home Assistant's units (brightness 1..255, kelvin, hs in degrees/percent). */
export interface LightValues {
  on: boolean | null;
  brightness: number | null;
  /** null: the light never set one; Home Assistant then guesses (`_light_internal_color_mode`). */
  colorMode: LightColorMode | null;
  colorTempKelvin: number | null;
  hs: readonly [number, number] | null;
  rgb: readonly [number, number, number] | null;
  rgbw: readonly [number, number, number, number] | null;
  rgbww: readonly [number, number, number, number, number] | null;
  xy: readonly [number, number] | null;
  effect: string | null;
}

export const initialLightValues = (colorMode: LightColorMode | null): LightValues => ({
  on: null,
  brightness: null,
  colorMode,
  colorTempKelvin: null,
  hs: null,
  rgb: null,
  rgbw: null,
  rgbww: null,
  xy: null,
  effect: null,
});

/** What a light is: fixed by its discovery config. */
export interface LightTraits {
  /** `supported_color_modes` as the entity sets it; null for a json light that declares neither modes nor brightness. */
  declaredModes: readonly ColorMode[] | null;
  /** `_light_internal_supported_color_modes`: the declared modes, or `onoff` in their absence. */
  modes: readonly ColorMode[];
  /** `LightEntityFeature` bits. */
  features: number;
  minKelvin: number;
  maxKelvin: number;
  effectList: readonly string[] | null;
  /** Optimistic lights set `assumed_state: true`. */
  assumedState: boolean;
}

// LightEntityFeature (homeassistant/components/light/const.py)
export const FEATURE_EFFECT = 4;
export const FEATURE_FLASH = 8;
export const FEATURE_TRANSITION = 32;

// homeassistant/components/light/const.py
export const DEFAULT_MIN_KELVIN = 2000;
export const DEFAULT_MAX_KELVIN = 6535;

export const COLOR_MODES_BRIGHTNESS: ReadonlySet<string> = new Set([
  'brightness',
  'color_temp',
  'hs',
  'xy',
  'rgb',
  'rgbw',
  'rgbww',
  'white',
]);
export const COLOR_MODES_COLOR: ReadonlySet<string> = new Set(['hs', 'xy', 'rgb', 'rgbw', 'rgbww']);

export const brightnessSupported = (modes: readonly ColorMode[] | null): boolean =>
  modes?.some((mode) => COLOR_MODES_BRIGHTNESS.has(mode)) ?? false;
export const colorSupported = (modes: readonly ColorMode[] | null): boolean =>
  modes?.some((mode) => COLOR_MODES_COLOR.has(mode)) ?? false;
export const colorTempSupported = (modes: readonly ColorMode[] | null): boolean =>
  modes?.includes('color_temp') ?? false;

/**
 * The warmest and coldest temperature, as every MQTT light schema sets them: the mireds keys
 * win, then the kelvin keys, then Home Assistant's 2000..6535 K. A bound of 0 reads as unset
 * (Home Assistant would divide by it).
 */
export function kelvinRange(config: {
  min_mireds?: number | undefined;
  max_mireds?: number | undefined;
  min_kelvin?: number | undefined;
  max_kelvin?: number | undefined;
}): { minKelvin: number; maxKelvin: number } {
  return {
    minKelvin: config.max_mireds ? miredToKelvin(config.max_mireds) : config.min_kelvin || DEFAULT_MIN_KELVIN,
    maxKelvin: config.min_mireds ? miredToKelvin(config.min_mireds) : config.max_kelvin || DEFAULT_MAX_KELVIN,
  };
}

/**
 * Attributes that do not change with the state: `capability_attributes`, then `supported_features`
 * and `assumed_state` as `Entity` adds them. The mireds bounds are deprecated but still set by the
 * Home Assistant version hearth emulates (2025.1).
 */
export function lightCapabilities(traits: LightTraits): Attributes {
  const attributes: Record<string, unknown> = {};
  if (traits.modes.includes('color_temp')) {
    attributes.min_color_temp_kelvin = traits.minKelvin;
    attributes.max_color_temp_kelvin = traits.maxKelvin;
    attributes.min_mireds = traits.maxKelvin ? kelvinToMired(traits.maxKelvin) : null;
    attributes.max_mireds = traits.minKelvin ? kelvinToMired(traits.minKelvin) : null;
  }
  if (traits.features & FEATURE_EFFECT) attributes.effect_list = traits.effectList;
  attributes.supported_color_modes = [...traits.modes].sort();
  attributes.supported_features = traits.features;
  if (traits.assumedState) attributes.assumed_state = true;
  return attributes;
}

/** `_light_internal_color_mode`: the colour mode the light set, or Home Assistant's guess. */
export function internalColorMode(values: LightValues, traits: LightTraits): LightColorMode {
  if (values.colorMode !== null) return values.colorMode;
  const { modes } = traits;
  if (modes.includes('hs') && values.hs !== null) return 'hs';
  if (modes.includes('color_temp') && values.colorTempKelvin !== null) return 'color_temp';
  if (modes.includes('brightness') && values.brightness !== null) return 'brightness';
  if (modes.includes('onoff')) return 'onoff';
  return 'unknown';
}

/** `LightEntity.state_attributes`: set whatever the state, null while the light is off. */
export function lightStateAttributes(values: LightValues, traits: LightTraits): Attributes {
  const data: Record<string, unknown> = {};
  const on = values.on === true;
  const colorMode = on ? internalColorMode(values, traits) : null;
  if (traits.features & FEATURE_EFFECT) data.effect = on ? values.effect : null;
  data.color_mode = colorMode;
  if (brightnessSupported(traits.declaredModes))
    data.brightness = colorMode !== null && COLOR_MODES_BRIGHTNESS.has(colorMode) ? values.brightness : null;
  if (colorTempSupported(traits.declaredModes)) {
    const kelvin = colorMode === 'color_temp' ? values.colorTempKelvin : null;
    data.color_temp_kelvin = kelvin;
    data.color_temp = kelvin ? kelvinToMired(kelvin) : null;
  }
  if (colorSupported(traits.modes) || colorTempSupported(traits.modes)) {
    data.hs_color = null;
    data.rgb_color = null;
    data.xy_color = null;
    if (traits.modes.includes('rgbw')) data.rgbw_color = null;
    if (traits.modes.includes('rgbww')) data.rgbww_color = null;
    if (colorMode !== null) Object.assign(data, convertColor(colorMode, values, traits));
  }
  return data;
}

/**
 * `_light_internal_convert_color`: the colour in the light's mode, and the same colour in the other
 * representations, computed with Home Assistant's conversions.
 */
export function convertColor(
  colorMode: LightColorMode,
  values: LightValues,
  traits: LightTraits,
): Record<string, unknown> {
  switch (colorMode) {
    case 'hs': {
      if (!values.hs) return {};
      const [h, s] = values.hs;
      return { hs_color: [pyRound(h, 3), pyRound(s, 3)], rgb_color: hsToRgb(h, s), xy_color: hsToXy(h, s) };
    }
    case 'xy': {
      if (!values.xy) return {};
      const [x, y] = values.xy;
      return { hs_color: xyToHs(x, y), rgb_color: xyToRgb(x, y), xy_color: [pyRound(x, 6), pyRound(y, 6)] };
    }
    case 'rgb': {
      if (!values.rgb) return {};
      const [r, g, b] = values.rgb;
      return { hs_color: rgbToHs(r, g, b), rgb_color: [r, g, b], xy_color: rgbToXy(r, g, b) };
    }
    case 'rgbw': {
      if (!values.rgbw) return {};
      const rgb = rgbwToRgb(...values.rgbw);
      return {
        hs_color: rgbToHs(...rgb),
        rgb_color: rgb,
        rgbw_color: [...values.rgbw],
        xy_color: rgbToXy(...rgb),
      };
    }
    case 'rgbww': {
      if (!values.rgbww) return {};
      const rgb = rgbwwToRgb(...values.rgbww, traits.minKelvin, traits.maxKelvin);
      return {
        hs_color: rgbToHs(...rgb),
        rgb_color: rgb,
        rgbww_color: [...values.rgbww],
        xy_color: rgbToXy(...rgb),
      };
    }
    case 'color_temp': {
      if (!values.colorTempKelvin) return {};
      const [h, s] = colorTemperatureToHs(values.colorTempKelvin);
      return { hs_color: [pyRound(h, 3), pyRound(s, 3)], rgb_color: hsToRgb(h, s), xy_color: hsToXy(h, s) };
    }
    default:
      return {};
  }
}

/** A device that rounds to its own scale cannot report back exactly what was asked. */
export const brightnessTolerance = (scale: number): number => Math.max(1, Math.ceil(255 / scale));
