import { pythonModulo, roundHalfEven } from '../../template/template-numbers.ts';

/**
 * Home Assistant's colour conversions (`homeassistant/util/color.py` and Python's `colorsys`), step
 * for step, so that the attributes hearth derives from a device's report (hs → rgb/xy, …) and the
 * payloads it derives from a service call are the numbers Home Assistant computes. Python's
 * `int()` truncates and its `round()` rounds half to even; both are spelled out here.
 */

export type Hs = readonly [number, number];
export type Xy = readonly [number, number];
export type Rgb = readonly [number, number, number];
export type Rgbw = readonly [number, number, number, number];
export type Rgbww = readonly [number, number, number, number, number];

/** Python's `round(value, digits)`: ties to even on the exact binary value. */
export const pyRound = (value: number, digits = 0): number => roundHalfEven(value, digits) + 0;
/** Python's `int()` of a float. */
const pyInt = (value: number): number => Math.trunc(value) + 0;

/** `color_temperature_mired_to_kelvin` and back: both floor, so they are not exact inverses. */
export const miredToKelvin = (mireds: number): number => Math.floor(1_000_000 / mireds);
export const kelvinToMired = (kelvin: number): number => Math.floor(1_000_000 / kelvin);

/** `colorsys.rgb_to_hsv`, on channels 0..1. */
function rgbToHsvUnit(r: number, g: number, b: number): [number, number, number] {
  const maxc = Math.max(r, g, b);
  const minc = Math.min(r, g, b);
  const rangec = maxc - minc;
  if (minc === maxc) return [0, 0, maxc];
  const s = rangec / maxc;
  const rc = (maxc - r) / rangec;
  const gc = (maxc - g) / rangec;
  const bc = (maxc - b) / rangec;
  let h: number;
  if (r === maxc) h = bc - gc;
  else if (g === maxc) h = 2.0 + rc - bc;
  else h = 4.0 + gc - rc;
  return [pythonModulo(h / 6.0, 1.0), s, maxc];
}

/** `colorsys.hsv_to_rgb`, on values 0..1. */
function hsvToRgbUnit(h: number, s: number, v: number): [number, number, number] {
  if (s === 0.0) return [v, v, v];
  let i = pyInt(h * 6.0);
  const f = h * 6.0 - i;
  const p = v * (1.0 - s);
  const q = v * (1.0 - s * f);
  const t = v * (1.0 - s * (1.0 - f));
  i = pythonModulo(i, 6);
  if (i === 0) return [v, t, p];
  if (i === 1) return [q, v, p];
  if (i === 2) return [p, v, t];
  if (i === 3) return [p, q, v];
  if (i === 4) return [t, p, v];
  return [v, p, q];
}

/** `color_RGB_to_hsv`: hue 0..360, saturation and value 0..100, rounded to 3 decimals. */
export function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const [h, s, v] = rgbToHsvUnit(r / 255.0, g / 255.0, b / 255.0);
  return [pyRound(h * 360, 3), pyRound(s * 100, 3), pyRound(v * 100, 3)];
}

export function rgbToHs(r: number, g: number, b: number): [number, number] {
  const [h, s] = rgbToHsv(r, g, b);
  return [h, s];
}

/** `color_hsv_to_RGB`: channels truncated to integers. */
export function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  const [r, g, b] = hsvToRgbUnit(h / 360, s / 100, v / 100);
  return [pyInt(r * 255), pyInt(g * 255), pyInt(b * 255)];
}

export const hsToRgb = (h: number, s: number): [number, number, number] => hsvToRgb(h, s, 100);

const gammaCorrect = (c: number): number => (c > 0.04045 ? ((c + 0.055) / (1.0 + 0.055)) ** 2.4 : c / 12.92);

/** `color_RGB_to_xy_brightness` (Philips' Wide RGB D65 formula), without a gamut. */
export function rgbToXyBrightness(r: number, g: number, b: number): [number, number, number] {
  if (r + g + b === 0) return [0, 0, 0];
  const R = gammaCorrect(r / 255);
  const G = gammaCorrect(g / 255);
  const B = gammaCorrect(b / 255);
  const X = R * 0.664511 + G * 0.154324 + B * 0.162028;
  const Y = R * 0.283881 + G * 0.668433 + B * 0.047685;
  const Z = R * 0.000088 + G * 0.07231 + B * 0.986039;
  const x = X / (X + Y + Z);
  const y = Y / (X + Y + Z);
  return [pyRound(x, 3), pyRound(y, 3), pyRound(Math.min(Y, 1) * 255)];
}

export function rgbToXy(r: number, g: number, b: number): [number, number] {
  const [x, y] = rgbToXyBrightness(r, g, b);
  return [x, y];
}

const reverseGamma = (c: number): number =>
  c <= 0.0031308 ? 12.92 * c : (1.0 + 0.055) * c ** (1.0 / 2.4) - 0.055;

/** `color_xy_brightness_to_RGB`, without a gamut. */
export function xyBrightnessToRgb(vX: number, vY: number, brightness: number): [number, number, number] {
  const Y = brightness / 255.0;
  if (Y === 0.0) return [0, 0, 0];
  const y = vY === 0.0 ? vY + 0.00000000001 : vY;
  const X = (Y / y) * vX;
  const Z = (Y / y) * (1 - vX - y);
  let rgb = [
    X * 1.656492 - Y * 0.354851 - Z * 0.255038,
    -X * 0.707196 + Y * 1.655397 + Z * 0.036152,
    X * 0.051713 - Y * 0.121364 + Z * 1.01153,
  ].map((c) => Math.max(0, reverseGamma(c)));
  const maxComponent = Math.max(...rgb);
  if (maxComponent > 1) rgb = rgb.map((c) => c / maxComponent);
  return [pyInt((rgb[0] ?? 0) * 255), pyInt((rgb[1] ?? 0) * 255), pyInt((rgb[2] ?? 0) * 255)];
}

export const xyToRgb = (x: number, y: number): [number, number, number] => xyBrightnessToRgb(x, y, 255);

export function xyToHs(x: number, y: number): [number, number] {
  return rgbToHs(...xyToRgb(x, y));
}

export function hsToXy(h: number, s: number): [number, number] {
  return rgbToXy(...hsToRgb(h, s));
}

/** `match_max_scale`: scales `output` so that its largest channel equals the largest of `input`. */
export function matchMaxScale(input: readonly number[], output: readonly number[]): number[] {
  const maxIn = Math.max(...input);
  const maxOut = Math.max(...output);
  const factor = maxOut === 0 ? 0.0 : maxIn / maxOut;
  return output.map((channel) => pyRound(channel * factor));
}

export function rgbToRgbw(r: number, g: number, b: number): [number, number, number, number] {
  const w = Math.min(r, g, b);
  return matchMaxScale([r, g, b], [r - w, g - w, b - w, w]) as [number, number, number, number];
}

export function rgbwToRgb(r: number, g: number, b: number, w: number): [number, number, number] {
  return matchMaxScale([r, g, b, w], [r + w, g + w, b + w]) as [number, number, number];
}

/** `color_rgb_to_rgbww`: the white both channels make at equal level is taken out of the colour. */
export function rgbToRgbww(
  r: number,
  g: number,
  b: number,
  minKelvin: number,
  maxKelvin: number,
): [number, number, number, number, number] {
  const maxMireds = kelvinToMired(minKelvin);
  const minMireds = kelvinToMired(maxKelvin);
  const miredMidpoint = minMireds + (maxMireds - minMireds) / 2;
  const [wr, wg, wb] = colorTemperatureToRgb(miredToKelvin(miredMidpoint));
  const whiteLevel = Math.min(wr ? r / wr : 0, wg ? g / wg : 0, wb ? b / wb : 0);
  const white = pyRound(whiteLevel * 255);
  return matchMaxScale(
    [r, g, b],
    [r - wr * whiteLevel, g - wg * whiteLevel, b - wb * whiteLevel, white, white],
  ) as [number, number, number, number, number];
}

/** `color_rgbww_to_rgb`: the two whites, at the temperature their ratio makes, added to the colour. */
export function rgbwwToRgb(
  r: number,
  g: number,
  b: number,
  cw: number,
  ww: number,
  minKelvin: number,
  maxKelvin: number,
): [number, number, number] {
  const maxMireds = kelvinToMired(minKelvin);
  const minMireds = kelvinToMired(maxKelvin);
  const ctRatio = cw + ww === 0 ? 0.5 : ww / (cw + ww);
  const colorTempMired = minMireds + ctRatio * (maxMireds - minMireds);
  const kelvin = colorTempMired ? miredToKelvin(colorTempMired) : 0;
  const [wr, wg, wb] = colorTemperatureToRgb(kelvin);
  const whiteLevel = Math.max(cw, ww) / 255;
  return matchMaxScale(
    [r, g, b, cw, ww],
    [r + wr * whiteLevel, g + wg * whiteLevel, b + wb * whiteLevel],
  ) as [number, number, number];
}

const clampChannel = (value: number): number => Math.min(Math.max(value, 0), 255);

/** `color_temperature_to_rgb`: Tanner Helland's approximation, channels as floats 0..255. */
export function colorTemperatureToRgb(kelvin: number): [number, number, number] {
  const temperature = Math.min(Math.max(kelvin, 1000), 40000) / 100.0;
  const red = temperature <= 66 ? 255 : clampChannel(329.698727446 * (temperature - 60) ** -0.1332047592);
  const green =
    temperature <= 66
      ? clampChannel(99.4708025861 * Math.log(temperature) - 161.1195681661)
      : clampChannel(288.1221695283 * (temperature - 60) ** -0.0755148492);
  const blue =
    temperature >= 66
      ? 255
      : temperature <= 19
        ? 0
        : clampChannel(138.5177312231 * Math.log(temperature - 10) - 305.0447927307);
  return [red, green, blue];
}

export function colorTemperatureToHs(kelvin: number): [number, number] {
  return rgbToHs(...colorTemperatureToRgb(kelvin));
}

/** `color_temperature_to_rgbww`: a white temperature on a light with cold and warm channels. */
export function colorTemperatureToRgbww(
  kelvin: number,
  brightness: number,
  minKelvin: number,
  maxKelvin: number,
): [number, number, number, number, number] {
  const maxMireds = kelvinToMired(minKelvin);
  const minMireds = kelvinToMired(maxKelvin);
  const mireds = kelvinToMired(kelvin);
  const cold = ((maxMireds - mireds) / (maxMireds - minMireds)) * brightness;
  return [0, 0, 0, pyRound(cold), pyRound(brightness - cold)];
}

/** `color_xy_to_temperature`: McCamy's approximation, good between 2000 K and 10000 K. */
export function xyToColorTemperature(x: number, y: number): number {
  const n = (x - 0.332) / (0.1858 - y);
  return pyInt(437 * n ** 3 + 3601 * n ** 2 + 6861 * n + 5517);
}

/** `brightness_to_value((1, scale), brightness)`: Home Assistant's 1..255 onto a device's 1..scale. */
export const brightnessToValue = (scale: number, brightness: number): number => (brightness * scale) / 255;

/** `value_to_brightness((1, scale), value)`: a device's 1..scale onto 1..255, clamped. */
export const valueToBrightness = (scale: number, value: number): number =>
  Math.min(255, Math.max(1, pyRound((value * 255) / scale)));
