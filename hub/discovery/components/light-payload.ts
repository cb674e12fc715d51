/**
 * Payloads as Home Assistant writes them. A number it holds as a Python float (`hs_color`,
 * `xy_color`, `transition`) is published as `30.0`, not `30`: `f"{h},{s}"` gives `"30.0,100.0"` and
 * `json_dumps({"transition": 2.0})` gives `{"transition":2.0}`. Devices parse both, but "the same
 * payload as Home Assistant" means the same bytes.
 */

/** A number Home Assistant holds as a float. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** Python's `repr()`/`str()` of a float. */
export function formatPyFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  // Python switches to scientific notation below 1e-4 and from 1e16; JS at 1e-7 and 1e21.
  if (exponent < -4 || exponent >= 16)
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const text = String(value);
  return text.includes('.') ? text : `${text}.0`;
}

/** `homeassistant.helpers.json.json_dumps` (orjson, compact) of a value whose floats are marked. */
export function pythonJson(value: unknown): string {
  if (value instanceof PyFloat) return formatPyFloat(value.value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}:${pythonJson(item)}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
