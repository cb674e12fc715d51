import type { EntityView } from '../store/entity-view.ts';
import { numberAttribute, stringAttribute, stringListAttribute } from '../store/entity-view.ts';

export type Rgb = readonly [number, number, number];

/** Colour modes that take `hs_color` (https://developers.home-assistant.io/docs/core/entity/light#color-modes). */
const COLOR_MODES = new Set(['hs', 'rgb', 'xy', 'rgbw', 'rgbww']);

/** Home Assistant's defaults when a colour-temperature light does not state its range. */
export const DEFAULT_MIN_KELVIN = 2000;
export const DEFAULT_MAX_KELVIN = 6535;

export function lightColorModes(view: EntityView): { color: boolean; temperature: boolean } {
  const modes = stringListAttribute(view, 'supported_color_modes');
  return { color: modes.some((mode) => COLOR_MODES.has(mode)), temperature: modes.includes('color_temp') };
}

export function kelvinRange(view: EntityView): [number, number] {
  const min = numberAttribute(view, 'min_color_temp_kelvin') ?? DEFAULT_MIN_KELVIN;
  const max = numberAttribute(view, 'max_color_temp_kelvin') ?? DEFAULT_MAX_KELVIN;
  return min < max ? [min, max] : [DEFAULT_MIN_KELVIN, DEFAULT_MAX_KELVIN];
}

/** Hue 0–360°, saturation 0–100 %, at full value. */
export function hsToRgb(hue: number, saturation: number): Rgb {
  const s = Math.min(100, Math.max(0, saturation)) / 100;
  const channel = (n: number): number => {
    const k = (n + hue / 60) % 6;
    return Math.round(255 * (1 - s * Math.max(0, Math.min(k, 4 - k, 1))));
  };
  return [channel(5), channel(3), channel(1)];
}

/** The colour of a black body at this temperature: Tanner Helland's fit, good enough for a swatch. */
export function kelvinToRgb(kelvin: number): Rgb {
  const t = kelvin / 100;
  const byte = (value: number): number => Math.round(Math.min(255, Math.max(0, value)));
  const red = t <= 66 ? 255 : 329.698727446 * (t - 60) ** -0.1332047592;
  const green =
    t <= 66 ? 99.4708025861 * Math.log(t) - 161.1195681661 : 288.1221695283 * (t - 60) ** -0.0755148492;
  const blue = t >= 66 ? 255 : t <= 19 ? 0 : 138.5177312231 * Math.log(t - 10) - 305.0447927307;
  return [byte(red), byte(green), byte(blue)];
}

function pair(view: EntityView, key: string): [number, number] | null {
  const value = view.attributes[key];
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number'
    ? [value[0], value[1]]
    : null;
}

/** `[hue, saturation]` the light reports, whatever its colour mode (Home Assistant fills `hs_color` in all). */
export const hsColor = (view: EntityView): [number, number] | null => pair(view, 'hs_color');

/** What the light shines, or null when it is off or does not say. */
export function lightColor(view: EntityView): Rgb | null {
  const mode = stringAttribute(view, 'color_mode');
  const kelvin = numberAttribute(view, 'color_temp_kelvin');
  if (mode === 'color_temp' && kelvin !== null) return kelvinToRgb(kelvin);
  const hs = hsColor(view);
  if (hs) return hsToRgb(hs[0], hs[1]);
  const rgb = view.attributes.rgb_color;
  if (Array.isArray(rgb) && rgb.length >= 3 && rgb.every((c) => typeof c === 'number')) {
    return [rgb[0], rgb[1], rgb[2]] as Rgb;
  }
  return kelvin !== null ? kelvinToRgb(kelvin) : null;
}

export const cssRgb = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;
