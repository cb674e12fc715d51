import type { AreaEntry, Registries } from './registry.ts';

export interface AreaGroup<T> {
  /** `null` for the "Other" section: entities with no area, or an area the registry does not know. */
  areaId: string | null;
  name: string;
  items: T[];
}

export interface Groupable {
  id: string;
  domain: string;
}

export const OTHER_AREA_NAME = 'Other';

/** Controls first, then readings: the order a user scans a room in. Unknown domains go last. */
const DOMAIN_ORDER = [
  'climate',
  'light',
  'switch',
  'fan',
  'cover',
  'lock',
  'number',
  'select',
  'button',
  'sensor',
  'binary_sensor',
];
const domainRank = (domain: string): number => {
  const rank = DOMAIN_ORDER.indexOf(domain);
  return rank === -1 ? DOMAIN_ORDER.length : rank;
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Sections by area, sorted by name, "Other" last. An entity's area is its own `area_id`, else its
 * device's, as in Home Assistant. Entities the user disabled or hid in the registry are left out.
 */
export function groupByArea<T extends Groupable>(
  items: Iterable<T>,
  registries: Registries,
  nameOf: (item: T) => string,
): AreaGroup<T>[] {
  const areas = new Map<string, AreaEntry>(registries.areas.map((area) => [area.area_id, area]));
  const deviceArea = new Map(registries.devices.map((device) => [device.id, device.area_id]));
  const entries = new Map(registries.entities.map((entry) => [entry.entity_id, entry]));

  const groups = new Map<string | null, AreaGroup<T>>();
  for (const item of items) {
    const entry = entries.get(item.id);
    if (entry && (entry.disabled_by !== null || entry.hidden_by !== null)) continue;
    const candidate = entry?.area_id ?? (entry?.device_id ? deviceArea.get(entry.device_id) : null) ?? null;
    const area = candidate === null ? undefined : areas.get(candidate);
    const key = area ? area.area_id : null;
    let group = groups.get(key);
    if (!group) {
      group = { areaId: key, name: area ? area.name : OTHER_AREA_NAME, items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }

  for (const group of groups.values()) {
    group.items.sort(
      (a, b) => domainRank(a.domain) - domainRank(b.domain) || collator.compare(nameOf(a), nameOf(b)),
    );
  }
  return [...groups.values()].sort((a, b) => {
    if (a.areaId === null) return 1;
    if (b.areaId === null) return -1;
    return collator.compare(a.name, b.name);
  });
}
