import { z } from 'zod';
import type { AreaRegistry } from '../../core/area-registry.ts';
import { HubError } from '../../core/hub-error.ts';

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

/** An area a device or an entity is put in must exist; `null` (no area) always does. */
export function requireArea(areas: AreaRegistry, areaId: string | null | undefined): void {
  if (areaId && !areas.get(areaId)) throw new HubError('invalid_info', `Area ${areaId} does not exist`);
}
