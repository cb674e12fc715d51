/**
 * Numbers as Home Assistant writes them. It publishes `str(value)` of a Python int or float, and a
 * number entity's state is `str()` of its value, so `21` and `21.0` differ, `1e-05` is not
 * `0.00001`, and ranges scale with Python's floor division.
 */

/** Python `str()` of an int (`isFloat` false) or a float: `5`, `5.0`, `0.1`, `1e-05`, `1e+16`. */
export function pythonNumberText(value: number, isFloat: boolean): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (!isFloat && Number.isInteger(value)) return BigInt(value).toString();
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  // toExponential() without digits gives the shortest round-trip digits, as Python's repr does.
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const sign = value < 0 ? '-' : '';
  // CPython's float_repr_style 'short': fixed notation for 1e-4 <= |x| < 1e16, else scientific.
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const expSign = exponent < 0 ? '-' : '+';
  return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** Python's `a // b` on floats (CPython's float_floor_div), exact where `Math.floor(a / b)` is not. */
export function pythonFloorDiv(a: number, b: number): number {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) {
    mod += b;
    div -= 1;
  }
  if (div === 0) return 0;
  let floorDiv = Math.floor(div);
  if (div - floorDiv > 0.5) floorDiv += 1;
  return floorDiv;
}
