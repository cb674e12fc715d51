import { z } from 'zod';
import { parseFloatText, parseIntText } from '../../template/template-numbers.ts';
import { pythonString } from '../discovery-schemas.ts';

/**
 * Home Assistant's voluptuous coercions, for configs written by devices: Zigbee2MQTT sends
 * `"min_temp": "5"`, which `vol.Coerce(float)` accepts, and a single mode where a list belongs,
 * which `cv.ensure_list` wraps.
 */
const toFloat = (value: unknown): unknown =>
  typeof value === 'string'
    ? (parseFloatText(value) ?? value)
    : typeof value === 'boolean'
      ? Number(value)
      : value;
const toInt = (value: unknown): unknown => {
  if (typeof value === 'string') return parseIntText(value, 10) ?? value;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  return value;
};

/** `vol.Coerce(float)`. */
export const coercedFloat = z.preprocess(
  toFloat,
  z.number().refine(Number.isFinite, 'must be a finite number'),
);
/** `cv.positive_float`. */
export const positiveFloat = z.preprocess(
  toFloat,
  z.number().min(0).refine(Number.isFinite, 'must be finite'),
);
/** `cv.positive_int`. */
export const positiveInt = z.preprocess(toInt, z.number().int().min(0));

/** `cv.ensure_list` of strings: a lone value becomes a one-item list. */
export const stringList = z.preprocess(
  (value) => (value === null || value === undefined ? value : Array.isArray(value) ? value : [value]),
  z.array(z.string().max(255)).max(64),
);

/** `vol.Any(cv.string, None)` with a default: `null` disables the payload. */
export const nullablePayload = (fallback: string) =>
  z.union([z.null(), z.preprocess(pythonString, z.string().max(255)).default(fallback)]);

/** A device class from a closed list, lower-cased first as `vol.Lower` does. */
export const deviceClassOf = <const T extends readonly [string, ...string[]]>(classes: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(classes).nullable()).optional();

/** A key the component's Home Assistant schema does not take: dropped (`vol.REMOVE_EXTRA`), whatever it holds. */
export const droppedKey = z
  .unknown()
  .optional()
  .transform((): undefined => undefined);
