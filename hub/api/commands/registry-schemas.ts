import { z } from 'zod';

/** A user's name for something: trimmed; empty means "clear it", as the frontend's empty field does. */
export const userName = z
  .string()
  .trim()
  .max(100, 'must be at most 100 characters')
  .transform((name) => (name === '' ? null : name))
  .nullable();

/** Home Assistant's `cv.icon`: `prefix:name`, e.g. `mdi:thermometer`. */
export const iconName = z
  .string()
  .max(100)
  .regex(/^[a-z0-9_-]+:[a-z0-9_-]+$/, 'must look like mdi:thermometer')
  .nullable();

export const registryId = z.string().min(1).max(255);
