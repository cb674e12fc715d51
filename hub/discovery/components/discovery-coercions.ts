import { z } from 'zod';
import { parseFloatText, parseIntText } from '../../template/template-numbers.ts';
import { deviceSchema } from '../discovery-schemas.ts';

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

/**
 * `device`, with null values dropped first: Zigbee2MQTT sends `"sw_version": null` for devices
 * that do not report one, which the shared device schema refuses (and with it the whole config).
 */
export const deviceWithoutNulls = z.preprocess(
  (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null))
      : value,
  deviceSchema.optional(),
);
