import type { Expectation } from '../../core/command-confirmations.ts';
import type { Attributes } from '../../protocol/entity-state.ts';
import { STATE_ON } from '../../protocol/entity-state.ts';
import type { ColorMode } from '../discovery-schemas.ts';

/**
 * What a `light.turn_on` waits to see reported before it answers (DESIGN.md §4). Only what the
 * device can report is listed: a brightness without a state topic to echo it is not.
 */
export interface LightTarget {
  brightness?: number;
  colorMode?: ColorMode;
  colorTempKelvin?: number;
  hs?: readonly [number, number];
  xy?: readonly [number, number];
  rgb?: readonly number[];
  rgbw?: readonly number[];
  rgbww?: readonly number[];
}

export interface LightTolerances {
  /** Brightness steps: a device with a coarser scale cannot echo every value. */
  brightness: number;
  /** The light's range: a device clamps a temperature it cannot show. */
  minKelvin: number;
  maxKelvin: number;
}

// Devices round what they are sent to their own resolution (Zigbee hue and saturation are 0..254,
// temperatures whole mireds, xy four decimals) and some clip xy to their gamut; these absorb that,
// and still tell one colour from another.
const HUE_DEGREES = 4;
const SATURATION_PERCENT = 4;
const XY_UNITS = 0.03;
const MIREDS = 3;
const CHANNEL_STEPS = 10;

const isNumberList = (value: unknown, length: number): value is number[] =>
  Array.isArray(value) && value.length === length && value.every((item) => typeof item === 'number');

/** Scales channels so the brightest is 255: a colour sent dimmed is reported at full level, and back. */
function normalized(channels: readonly number[]): number[] {
  const max = Math.max(...channels);
  return max === 0 ? [...channels] : channels.map((channel) => (channel * 255) / max);
}

const channelsMatch = (reported: unknown, target: readonly number[]): boolean => {
  if (!isNumberList(reported, target.length)) return false;
  const want = normalized(target);
  return normalized(reported).every((channel, i) => Math.abs(channel - (want[i] ?? 0)) <= CHANNEL_STEPS);
};

function hsMatches(reported: unknown, [hue, saturation]: readonly [number, number]): boolean {
  if (!isNumberList(reported, 2)) return false;
  const [h = 0, s = 0] = reported;
  if (Math.abs(s - saturation) > SATURATION_PERCENT) return false;
  // Hue is meaningless for a near-white colour, and wraps at 360.
  const dh = Math.abs(h - hue) % 360;
  return saturation < SATURATION_PERCENT || Math.min(dh, 360 - dh) <= HUE_DEGREES;
}

function kelvinMatches(reported: unknown, kelvin: number, tolerances: LightTolerances): boolean {
  if (typeof reported !== 'number' || reported <= 0) return false;
  const clamped = Math.min(Math.max(kelvin, tolerances.minKelvin), tolerances.maxKelvin);
  return Math.abs(1_000_000 / reported - 1_000_000 / clamped) <= MIREDS;
}

export function lightExpectation(target: LightTarget, tolerances: LightTolerances): Expectation {
  return (state: string, attributes: Attributes) => {
    if (state !== STATE_ON) return false;
    // A light in colour mode `unknown` has its brightness hidden (Home Assistant shows none): its
    // report cannot confirm one.
    if (target.brightness !== undefined && attributes.color_mode !== 'unknown') {
      const brightness = attributes.brightness;
      if (typeof brightness !== 'number' || Math.abs(brightness - target.brightness) > tolerances.brightness)
        return false;
    }
    if (target.colorMode !== undefined && attributes.color_mode !== target.colorMode) return false;
    if (
      target.colorTempKelvin !== undefined &&
      !kelvinMatches(attributes.color_temp_kelvin, target.colorTempKelvin, tolerances)
    )
      return false;
    if (target.hs && !hsMatches(attributes.hs_color, target.hs)) return false;
    if (target.xy) {
      const xy = attributes.xy_color;
      const [x, y] = target.xy;
      if (
        !isNumberList(xy, 2) ||
        Math.abs((xy[0] ?? 0) - x) > XY_UNITS ||
        Math.abs((xy[1] ?? 0) - y) > XY_UNITS
      )
        return false;
    }
    if (target.rgb && !channelsMatch(attributes.rgb_color, target.rgb)) return false;
    if (target.rgbw && !channelsMatch(attributes.rgbw_color, target.rgbw)) return false;
    if (target.rgbww && !channelsMatch(attributes.rgbww_color, target.rgbww)) return false;
    return true;
  };
}
