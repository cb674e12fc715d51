/**
 * The registry entries the panel reads, in the shapes of Home Assistant's
 * `config/{area,device,entity}_registry/list` (the hub sends more fields; these are the ones used).
 * Parsed where they enter, so a malformed entry is dropped instead of breaking the grouping.
 */

export interface AreaEntry {
  area_id: string;
  name: string;
  icon: string | null;
}

export interface DeviceEntry {
  id: string;
  name: string | null;
  name_by_user: string | null;
  area_id: string | null;
  manufacturer: string | null;
  model: string | null;
}

export interface EntityRegistryEntry {
  entity_id: string;
  name: string | null;
  device_id: string | null;
  area_id: string | null;
  platform: string;
  disabled_by: string | null;
  hidden_by: string | null;
  icon: string | null;
}

export interface Registries {
  areas: readonly AreaEntry[];
  devices: readonly DeviceEntry[];
  entities: readonly EntityRegistryEntry[];
}

export const EMPTY_REGISTRIES: Registries = { areas: [], devices: [], entities: [] };

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null;
const str = (row: Row, key: string): string | null => {
  const value = row[key];
  return typeof value === 'string' ? value : null;
};

/** Keeps the rows that have a string `idKey`, mapped through `pick`; anything else is dropped. */
function parseRows<T>(value: unknown, idKey: string, pick: (row: Row, id: string) => T): T[] {
  if (!Array.isArray(value)) return [];
  const rows: T[] = [];
  for (const row of value) {
    if (!isRow(row)) continue;
    const id = str(row, idKey);
    if (id !== null) rows.push(pick(row, id));
  }
  return rows;
}

export const parseAreas = (value: unknown): AreaEntry[] =>
  parseRows(value, 'area_id', (row, id) => ({
    area_id: id,
    name: str(row, 'name') ?? id,
    icon: str(row, 'icon'),
  }));

export const parseDevices = (value: unknown): DeviceEntry[] =>
  parseRows(value, 'id', (row, id) => ({
    id,
    name: str(row, 'name'),
    name_by_user: str(row, 'name_by_user'),
    area_id: str(row, 'area_id'),
    manufacturer: str(row, 'manufacturer'),
    model: str(row, 'model'),
  }));

export const parseEntityEntries = (value: unknown): EntityRegistryEntry[] =>
  parseRows(value, 'entity_id', (row, id) => ({
    entity_id: id,
    name: str(row, 'name'),
    device_id: str(row, 'device_id'),
    area_id: str(row, 'area_id'),
    platform: str(row, 'platform') ?? '',
    disabled_by: str(row, 'disabled_by'),
    hidden_by: str(row, 'hidden_by'),
    icon: str(row, 'icon'),
  }));
