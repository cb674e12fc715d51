const formats = new Map<string, Intl.NumberFormat>();

/** One `Intl.NumberFormat` per precision: building one per render shows up on a phone. */
function formatter(minimum: number, maximum: number): Intl.NumberFormat {
  const key = `${minimum}:${maximum}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      minimumFractionDigits: minimum,
      maximumFractionDigits: maximum,
    });
    formats.set(key, format);
  }
  return format;
}

/** A numeric state string, or null when the state is not a number (`open`, `2024-01-01`, ``). */
export function parseNumber(state: string): number | null {
  if (state.trim() === '') return null;
  const value = Number(state);
  return Number.isFinite(value) ? value : null;
}

/**
 * A reading in the user's locale: exactly `precision` decimals when the entity asks for it
 * (Home Assistant's `suggested_display_precision`), else about three significant digits without
 * trailing zeros: `0.613` A, `21.46` → 21.5 °C, `1013.25` → 1,013 hPa, `45` stays 45.
 */
export function formatNumber(value: number, precision: number | null = null): string {
  if (precision !== null && precision >= 0 && precision <= 10) {
    return formatter(precision, precision).format(value);
  }
  const size = Math.abs(value);
  return formatter(0, size < 10 ? 2 : size < 1000 ? 1 : 0).format(value);
}
