/** Colour conversions the dialects need: Zigbee2MQTT speaks hue/saturation, ESPHome and Tasmota RGB. */

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

export interface Hs {
  /** Degrees, 0..360. */
  readonly h: number;
  /** Percent, 0..100. */
  readonly s: number;
}

/** Hue/saturation at full value → 0..255 channels, rounded. */
export function hsToRgb({ h, s }: Hs): Rgb {
  const saturation = s / 100;
  const chroma = saturation;
  const sector = (((h % 360) + 360) % 360) / 60;
  const x = chroma * (1 - Math.abs((sector % 2) - 1));
  const [r, g, b] =
    sector < 1
      ? [chroma, x, 0]
      : sector < 2
        ? [x, chroma, 0]
        : sector < 3
          ? [0, chroma, x]
          : sector < 4
            ? [0, x, chroma]
            : sector < 5
              ? [x, 0, chroma]
              : [chroma, 0, x];
  const m = 1 - chroma;
  const channel = (value: number): number => Math.round((value + m) * 255);
  return { r: channel(r), g: channel(g), b: channel(b) };
}

/** 0..255 channels → hue/saturation, one decimal each; black reads as white (0, 0). */
export function rgbToHs({ r, g, b }: Rgb): Hs {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  if (max === 0 || delta === 0) return { h: 0, s: 0 };
  let hue: number;
  if (max === r) hue = ((g - b) / delta) % 6;
  else if (max === g) hue = (b - r) / delta + 2;
  else hue = (r - g) / delta + 4;
  const h = (hue * 60 + 360) % 360;
  return { h: Math.round(h * 10) / 10, s: Math.round((delta / max) * 1000) / 10 };
}
