import type { Attributes } from '../../protocol/entity-state.ts';
import type { ColorMode, LightDefaultConfig, LightJsonConfig } from '../discovery-schemas.ts';

/** What a light reports, in Home Assistant's units (brightness 0..255, kelvin, hs in degrees/percent). */
export interface LightValues {
  on: boolean | null;
  brightness?: number | null;
  colorMode?: ColorMode | null;
  colorTempKelvin?: number | null;
  hs?: [number, number] | null;
  rgb?: [number, number, number] | null;
  xy?: [number, number] | null;
  effect?: string | null;
}

// LightEntityFeature (homeassistant/components/light/const.py)
const SUPPORT_EFFECT = 4;
const SUPPORT_TRANSITION = 32;

const BRIGHTNESS_MODES: ReadonlySet<ColorMode> = new Set([
  'brightness',
  'color_temp',
  'hs',
  'xy',
  'rgb',
  'rgbw',
  'rgbww',
  'white',
]);

export function supportedColorModes(config: LightDefaultConfig | LightJsonConfig): ColorMode[] {
  if (config.supported_color_modes) return config.supported_color_modes;
  const brightness =
    'brightness' in config ? config.brightness : config.brightness_command_topic !== undefined;
  return [brightness ? 'brightness' : 'onoff'];
}

export const supportsBrightness = (modes: readonly ColorMode[]): boolean =>
  modes.some((mode) => BRIGHTNESS_MODES.has(mode));

/** Capability attributes, present whatever the state, as Home Assistant's `capability_attributes`. */
export function lightCapabilities(
  config: LightDefaultConfig | LightJsonConfig,
  modes: readonly ColorMode[],
): Record<string, unknown> {
  const attributes: Record<string, unknown> = { supported_color_modes: modes };
  if (modes.includes('color_temp')) {
    // Kelvin and mireds are reciprocal: the coolest mired is the warmest kelvin.
    attributes.min_color_temp_kelvin =
      config.min_kelvin ?? (config.max_mireds ? Math.round(1e6 / config.max_mireds) : 2000);
    attributes.max_color_temp_kelvin =
      config.max_kelvin ?? (config.min_mireds ? Math.round(1e6 / config.min_mireds) : 6535);
  }
  if (config.effect_list) attributes.effect_list = config.effect_list;
  attributes.supported_features =
    (config.effect_list ? SUPPORT_EFFECT : 0) |
    ('schema' in config && config.schema === 'json' ? SUPPORT_TRANSITION : 0);
  return attributes;
}

/** State attributes; Home Assistant sets them to null while the light is off. */
export function lightStateAttributes(values: LightValues, modes: readonly ColorMode[]): Attributes {
  const on = values.on === true;
  const attributes: Record<string, unknown> = {};
  const fallbackMode = modes.length === 1 ? modes[0] : supportsBrightness(modes) ? 'brightness' : 'onoff';
  attributes.color_mode = on ? (values.colorMode ?? fallbackMode) : null;
  if (supportsBrightness(modes)) attributes.brightness = on ? (values.brightness ?? null) : null;
  if (modes.includes('color_temp'))
    attributes.color_temp_kelvin = on ? (values.colorTempKelvin ?? null) : null;
  if (modes.some((mode) => mode === 'hs' || mode === 'rgb' || mode === 'xy')) {
    attributes.hs_color = on ? (values.hs ?? null) : null;
    attributes.rgb_color = on ? (values.rgb ?? null) : null;
    attributes.xy_color = on ? (values.xy ?? null) : null;
  }
  if ('effect' in values) attributes.effect = on ? (values.effect ?? null) : null;
  return attributes;
}

/** Scales a device brightness (0..scale) to Home Assistant's 0..255, and back. */
export const toHaBrightness = (value: number, scale: number): number =>
  Math.max(0, Math.min(255, Math.round((value / scale) * 255)));
export const toDeviceBrightness = (value: number, scale: number): number => Math.round((value / 255) * scale);

/** A device that rounds to its own scale cannot report back exactly what was asked. */
export const brightnessTolerance = (scale: number): number => Math.max(1, Math.ceil(255 / scale));
