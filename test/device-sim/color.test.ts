import { describe, expect, it } from 'vitest';
import { hsToRgb, rgbToHs } from '../../device-sim/color.ts';

describe('hs ⇄ rgb', () => {
  it.each([
    [
      { h: 0, s: 100 },
      { r: 255, g: 0, b: 0 },
    ],
    [
      { h: 120, s: 100 },
      { r: 0, g: 255, b: 0 },
    ],
    [
      { h: 240, s: 100 },
      { r: 0, g: 0, b: 255 },
    ],
    [
      { h: 60, s: 50 },
      { r: 255, g: 255, b: 128 },
    ],
    [
      { h: 0, s: 0 },
      { r: 255, g: 255, b: 255 },
    ],
    [
      { h: 360, s: 100 },
      { r: 255, g: 0, b: 0 },
    ],
  ])('%j is %j', (hs, rgb) => {
    expect(hsToRgb(hs)).toEqual(rgb);
  });

  it.each([
    [
      { r: 255, g: 128, b: 0 },
      { h: 30.1, s: 100 },
    ],
    [
      { r: 0, g: 0, b: 0 },
      { h: 0, s: 0 },
    ],
    [
      { r: 128, g: 128, b: 128 },
      { h: 0, s: 0 },
    ],
    [
      { r: 255, g: 0, b: 128 },
      { h: 329.9, s: 100 },
    ],
  ])('%j reads as %j', (rgb, hs) => {
    expect(rgbToHs(rgb)).toEqual(hs);
  });
});
