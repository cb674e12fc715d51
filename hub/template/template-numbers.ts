/**
 * Python's number conversions and rounding, which Home Assistant templates rely on: `int('0x1A', 16)`,
 * `float(' 2.5 ')`, and `round` rounding half to even on the exact binary value (`round(2.5)` is 2,
 * `round(21.45, 1)` is 21.4). Numbers stay JS doubles, so `10 / 2` renders as `5`, not `5.0`.
 */

/** Python `str()` of a number: `nan` and `inf` rather than JS's `NaN` and `Infinity`. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  return String(value);
}

const DECIMAL = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Python `float(text)`, or undefined where Python raises ValueError. */
export function parseFloatText(text: string): number | undefined {
  const trimmed = text.trim();
  const special = SPECIAL.exec(trimmed);
  if (special) {
    if ((special[2] ?? '').toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return DECIMAL.test(trimmed) ? Number(trimmed.replaceAll('_', '')) : undefined;
}

const PREFIXES: Readonly<Record<string, number>> = { '0x': 16, '0o': 8, '0b': 2 };

/** Python `int(text, base)` for bases 0 and 2–36, or undefined where Python raises ValueError. */
export function parseIntText(text: string, base: number): number | undefined {
  let digits = text.trim();
  const sign = digits.startsWith('-') ? -1 : 1;
  if (digits.startsWith('-') || digits.startsWith('+')) digits = digits.slice(1);
  const prefixBase = PREFIXES[digits.slice(0, 2).toLowerCase()];
  let radix = base;
  if (prefixBase !== undefined && (base === 0 || base === prefixBase)) {
    radix = prefixBase;
    digits = digits.slice(2).replace(/^_/, '');
  } else if (base === 0) {
    if (/^0+[1-9]/.test(digits)) return undefined;
    radix = 10;
  }
  if (radix < 2 || radix > 36 || !/^[0-9a-z](?:_?[0-9a-z])*$/i.test(digits)) return undefined;
  let value = 0;
  for (const char of digits.replaceAll('_', '')) {
    const digit = Number.parseInt(char, 36);
    if (digit >= radix) return undefined;
    value = value * radix + digit;
  }
  return Number.isFinite(value) ? sign * value : undefined;
}

/** Python `float(value)` of any template value, or undefined where Python raises. */
export function toFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'string' ? parseFloatText(value) : undefined;
}

/**
 * Jinja's `int` filter: `int(value, base)` for strings, `int(value)` otherwise, then
 * `int(float(value))` so that `'42.23'|int` is 42; undefined where both fail.
 */
export function toInt(value: unknown, base: number): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const parsed = parseIntText(value, base);
    if (parsed !== undefined) return parsed;
  }
  const float = toFloat(value);
  return float !== undefined && Number.isFinite(float) ? Math.trunc(float) : undefined;
}

/** Python's `round(value, digits)`: correctly rounded, ties to even. */
export function roundHalfEven(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  if (digits < -308) return 0;
  if (digits < 0) {
    const scale = 10 ** -digits;
    return roundHalfEven(value / scale, 0) * scale;
  }
  const magnitude = Math.abs(value);
  // Doubles this large are integers already; toFixed accepts at most 100 digits.
  if (magnitude >= 1e21 || digits >= 100) return value;
  // toFixed rounds the exact binary value, ties away from zero; only an exact tie needs fixing,
  // and a tie's decimal expansion ends at digit `digits + 1`, so 100 digits show it exactly.
  let rounded = Number(magnitude.toFixed(digits));
  const exact = magnitude.toFixed(100);
  const point = exact.indexOf('.');
  const tail = exact.slice(point + 1 + digits);
  if (tail.startsWith('5') && /^50*$/.test(tail)) {
    const truncated = exact.slice(0, digits === 0 ? point : point + 1 + digits);
    const lastDigit = Number(truncated.at(-1));
    if (lastDigit % 2 === 0) rounded = Number(truncated);
  }
  return value < 0 ? -rounded : rounded;
}

/** Python's `%`: the result takes the sign of the divisor. The caller rejects a zero divisor. */
export function pythonModulo(left: number, right: number): number {
  const remainder = left % right;
  return remainder !== 0 && remainder < 0 !== right < 0 ? remainder + right : remainder;
}
