import { describe, expect, it } from 'vitest';
import {
  brightnessToValue,
  colorTemperatureToHs,
  colorTemperatureToRgb,
  colorTemperatureToRgbww,
  hsToRgb,
  hsToXy,
  hsvToRgb,
  kelvinToMired,
  matchMaxScale,
  miredToKelvin,
  pyRound,
  rgbToHs,
  rgbToHsv,
  rgbToRgbw,
  rgbToRgbww,
  rgbToXy,
  rgbToXyBrightness,
  rgbwToRgb,
  rgbwwToRgb,
  valueToBrightness,
  xyBrightnessToRgb,
  xyToColorTemperature,
  xyToHs,
  xyToRgb,
} from '../../../../hub/discovery/components/light-color.ts';
import { colorNameToRgb } from '../../../../hub/discovery/components/light-color-names.ts';

// Expected values are those of Home Assistant's own tests of homeassistant/util/color.py
// (tests/util/test_color.py), so hearth derives the numbers Home Assistant derives.
describe('colour conversions, as Home Assistant computes them', () => {
  it.each([
    [
      [0, 0, 0],
      [0, 0, 0],
    ],
    [
      [255, 255, 255],
      [0.323, 0.329, 255],
    ],
    [
      [0, 0, 255],
      [0.136, 0.04, 12],
    ],
    [
      [0, 255, 0],
      [0.172, 0.747, 170],
    ],
    [
      [255, 0, 0],
      [0.701, 0.299, 72],
    ],
    [
      [128, 0, 0],
      [0.701, 0.299, 16],
    ],
  ])('rgb %j is xy and brightness %j', ([r = 0, g = 0, b = 0], expected) => {
    expect(rgbToXyBrightness(r, g, b)).toEqual(expected);
    expect(rgbToXy(r, g, b)).toEqual(expected.slice(0, 2));
  });

  it.each([
    [
      [1, 1, 0],
      [0, 0, 0],
    ],
    [
      [0.35, 0.35, 128],
      [194, 186, 169],
    ],
    [
      [0.35, 0.35, 255],
      [255, 243, 222],
    ],
    [
      [1, 0, 255],
      [255, 0, 60],
    ],
    [
      [0, 1, 255],
      [0, 255, 0],
    ],
    [
      [0, 0, 255],
      [0, 63, 255],
    ],
  ])('xy and brightness %j is rgb %j', ([x = 0, y = 0, brightness = 0], expected) => {
    expect(xyBrightnessToRgb(x, y, brightness)).toEqual(expected);
    if (brightness === 255) expect(xyToRgb(x, y)).toEqual(expected);
  });

  it.each([
    [
      [0, 0, 0],
      [0, 0, 0],
    ],
    [
      [255, 255, 255],
      [0, 0, 100],
    ],
    [
      [0, 0, 255],
      [240, 100, 100],
    ],
    [
      [0, 255, 0],
      [120, 100, 100],
    ],
    [
      [255, 0, 0],
      [0, 100, 100],
    ],
  ])('rgb %j is hsv %j, and back', ([r = 0, g = 0, b = 0], [h = 0, s = 0, v = 0]) => {
    expect(rgbToHsv(r, g, b)).toEqual([h, s, v]);
    expect(hsvToRgb(h, s, v)).toEqual([r, g, b]);
  });

  it.each([
    [
      [1, 1],
      [47.294, 100],
    ],
    [
      [0.35, 0.35],
      [38.182, 12.941],
    ],
    [
      [1, 0],
      [345.882, 100],
    ],
    [
      [0, 1],
      [120, 100],
    ],
    [
      [0, 0],
      [225.176, 100],
    ],
  ])('xy %j is hs %j', ([x = 0, y = 0], expected) => {
    expect(xyToHs(x, y)).toEqual(expected);
  });

  it.each([
    [
      [180, 100],
      [0.151, 0.343],
    ],
    [
      [350, 12.5],
      [0.356, 0.321],
    ],
    [
      [140, 50],
      [0.229, 0.474],
    ],
    [
      [0, 40],
      [0.474, 0.317],
    ],
    [
      [360, 0],
      [0.323, 0.329],
    ],
  ])('hs %j is xy %j (through rgb, channels truncated)', ([h = 0, s = 0], expected) => {
    expect(hsToXy(h, s)).toEqual(expected);
  });

  it.each([
    [
      [0, 0, 0],
      [0, 0, 0, 0],
    ],
    [
      [255, 255, 255],
      [0, 0, 0, 255],
    ],
    [
      [255, 0, 0],
      [255, 0, 0, 0],
    ],
    [
      [255, 127, 0],
      [255, 127, 0, 0],
    ],
    [
      [255, 127, 127],
      [255, 0, 0, 253],
    ],
    [
      [127, 127, 127],
      [0, 0, 0, 127],
    ],
  ])('rgb %j is rgbw %j, and back', ([r = 0, g = 0, b = 0], rgbw) => {
    expect(rgbToRgbw(r, g, b)).toEqual(rgbw);
    expect(rgbwToRgb(...(rgbw as [number, number, number, number]))).toEqual([r, g, b]);
  });

  it.each([
    [
      [255, 255, 255, 2702, 6493],
      [0, 54, 98, 255, 255],
    ],
    [
      [255, 255, 255, 1000, 10000],
      [255, 255, 255, 0, 0],
    ],
    [
      [255, 255, 255, 1000, 1000000],
      [0, 118, 241, 255, 255],
    ],
    [
      [128, 128, 128, 2702, 6493],
      [0, 27, 49, 128, 128],
    ],
    [
      [64, 64, 64, 2702, 6493],
      [0, 14, 25, 64, 64],
    ],
    [
      [32, 64, 16, 2702, 6493],
      [9, 64, 0, 38, 38],
    ],
    [
      [0, 0, 0, 2702, 6493],
      [0, 0, 0, 0, 0],
    ],
    [
      [255, 255, 255, 200000, 1000000],
      [103, 69, 0, 255, 255],
    ],
  ])('rgb with range %j is rgbww %j', ([r = 0, g = 0, b = 0, min = 0, max = 0], expected) => {
    expect(rgbToRgbww(r, g, b, min, max)).toEqual(expected);
  });

  it.each([
    [
      [0, 54, 98, 255, 255, 2702, 6493],
      [255, 255, 255],
    ],
    [
      [255, 255, 255, 0, 0, 2702, 6493],
      [255, 255, 255],
    ],
    [
      [0, 118, 241, 255, 255, 2702, 6493],
      [163, 204, 255],
    ],
    [
      [0, 27, 49, 128, 128, 2702, 6493],
      [128, 128, 128],
    ],
    [
      [9, 64, 0, 38, 38, 2702, 6493],
      [32, 64, 16],
    ],
    [
      [0, 0, 0, 0, 0, 2702, 6493],
      [0, 0, 0],
    ],
    [
      [103, 69, 0, 255, 255, 2702, 6535],
      [255, 193, 112],
    ],
  ])('rgbww with range %j is rgb %j', (args, expected) => {
    const [r = 0, g = 0, b = 0, cw = 0, ww = 0, min = 0, max = 0] = args;
    expect(rgbwwToRgb(r, g, b, cw, ww, min, max)).toEqual(expected);
  });

  it.each([
    [
      [6535, 255],
      [0, 0, 0, 255, 0],
    ],
    [
      [6535, 128],
      [0, 0, 0, 128, 0],
    ],
    [
      [2000, 255],
      [0, 0, 0, 0, 255],
    ],
    [
      [2000, 128],
      [0, 0, 0, 0, 128],
    ],
    [
      [2881, 255],
      [0, 0, 0, 112, 143],
    ],
    [
      [2881, 128],
      [0, 0, 0, 56, 72],
    ],
  ])(
    'kelvin and brightness %j on a 2000..6535 K light are rgbww %j',
    ([kelvin = 0, brightness = 0], expected) => {
      expect(colorTemperatureToRgbww(kelvin, brightness, 2000, 6535)).toEqual(expected);
    },
  );

  it.each([
    [[0.5119, 0.4147], 2136],
    [[0.368, 0.3686], 4302],
    [[0.4448, 0.4066], 2893],
    [[0.1, 0.8], 8645],
    [[0.5, 0.4], 2140],
  ])('xy %j is %i K (McCamy)', ([x = 0, y = 0], kelvin) => {
    expect(xyToColorTemperature(x, y)).toBe(kelvin);
  });

  it.each([
    [
      [255, 255, 255],
      [255, 255, 255],
      [255, 255, 255],
    ],
    [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ],
    [
      [255, 255, 255],
      [128, 128, 128],
      [255, 255, 255],
    ],
    [
      [0, 255, 0],
      [64, 128, 128],
      [128, 255, 255],
    ],
    [
      [0, 100, 0],
      [128, 64, 64],
      [100, 50, 50],
    ],
    [
      [10, 20, 33],
      [100, 200, 333],
      [10, 20, 33],
    ],
    [[255], [100, 200, 333], [77, 153, 255]],
    [[128], [10.5, 20.9, 30.4], [44, 88, 128]],
    [
      [10, 20, 30, 128],
      [100, 200, 333],
      [38, 77, 128],
    ],
  ])('match_max_scale(%j, %j) is %j', (input, output, expected) => {
    expect(matchMaxScale(input, output)).toEqual(expected);
  });

  it('converts mireds and kelvin with floor, both ways', () => {
    expect([miredToKelvin(40), miredToKelvin(200), miredToKelvin(153), miredToKelvin(370)]).toEqual([
      25000, 5000, 6535, 2702,
    ]);
    expect([kelvinToMired(25000), kelvinToMired(5000), kelvinToMired(3000)]).toEqual([40, 200, 333]);
  });

  it('approximates a colour temperature in rgb, clamped to 1000..40000 K, white at 6600 K', () => {
    expect(colorTemperatureToRgb(6600)).toEqual([255, 255, 255]);
    expect(colorTemperatureToRgb(999)).toEqual(colorTemperatureToRgb(0));
    expect(colorTemperatureToRgb(40001)).toEqual(colorTemperatureToRgb(999999));
    const [r6700 = 0, g6700 = 0, b6700 = 0] = colorTemperatureToRgb(6700);
    expect(b6700).toBeGreaterThan(Math.max(r6700, g6700));
    expect(colorTemperatureToHs(6535)).toEqual([54.768, 1.6]);
  });

  it.each([
    [[1, 511], 1],
    [[0, 511], 1],
    [[49, 511], 24],
    [[255, 511], 127],
    [[511, 511], 255],
    [[530, 511], 255],
    [[1, 4], 64],
    [[3, 4], 191],
    [[3, 6], 128],
    [[5, 6], 212],
    [[50, 100], 128],
  ])(
    'device value and scale %j is brightness %i (clamped 1..255, half to even)',
    ([value = 0, scale = 0], brightness) => {
      expect(valueToBrightness(scale, value)).toBe(brightness);
    },
  );

  it.each([
    [[255, 511], 511],
    [[127, 511], 254.49803921568628],
    [[24, 511], 48.09411764705882],
  ])('brightness and scale %j is device value %d', ([brightness = 0, scale = 0], value) => {
    expect(brightnessToValue(scale, brightness)).toBe(value);
  });

  it('rounds half to even, as Python does', () => {
    expect([pyRound(0.5), pyRound(1.5), pyRound(2.5), pyRound(127.5), pyRound(76.5)]).toEqual([
      0, 2, 2, 128, 76,
    ]);
    expect(pyRound(2.675, 2)).toBe(2.67);
  });

  it('converts hs to rgb at full value, truncating channels', () => {
    expect(hsToRgb(30, 100)).toEqual([255, 127, 0]);
    expect(rgbToHs(255, 127, 0)).toEqual([29.882, 100]);
  });

  it.each([
    ['red', [255, 0, 0]],
    ['Dark Slate Blue', [72, 61, 139]],
    ['darkslate blue', [72, 61, 139]],
    ['homeassistant', [3, 169, 244]],
    ['not a color', undefined],
    ['__proto__', undefined],
  ])('knows the colour name %j as %j', (name, rgb) => {
    expect(colorNameToRgb(name)).toEqual(rgb);
  });
});
