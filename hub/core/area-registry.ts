import type { EventBus } from './event-bus.ts';
import { HubError } from './hub-error.ts';
import type { RegistryPersistence } from './registry-persistence.ts';
import { changedKeys, definedOnly, noPersistence } from './registry-persistence.ts';
import { slugify } from './slugify.ts';

/** An area, in the shape of Home Assistant's `config/area_registry/list`. */
export interface AreaEntry {
  area_id: string;
  name: string;
  icon: string | null;
  picture: string | null;
  aliases: string[];
  floor_id: string | null;
  labels: string[];
}

/** What a user may set on an area (`config/area_registry/create` and `update`). */
export interface AreaChanges {
  name?: string;
  icon?: string | null;
  picture?: string | null;
  aliases?: string[];
}

/** Home Assistant's `normalize_name`: two areas may not differ only by case or spaces. */
const normalize = (name: string): string => name.normalize('NFKD').toLowerCase().replaceAll(/\s/g, '');

/**
 * Areas (rooms), as Home Assistant's area registry (https://developers.home-assistant.io/docs/area_registry_index):
 * the id is the slug of the first name and stays when the area is renamed; names are unique.
 */
export class AreaRegistry {
  private readonly areas = new Map<string, AreaEntry>();

  constructor(
    private readonly bus: EventBus,
    private readonly persistence: RegistryPersistence<AreaEntry> = noPersistence(),
  ) {
    for (const stored of persistence.load()) this.areas.set(stored.area_id, withDefaults(stored));
  }

  list(): AreaEntry[] {
    return [...this.areas.values()];
  }

  get(areaId: string): AreaEntry | undefined {
    return this.areas.get(areaId);
  }

  /** The area with this name, created when missing: how `suggested_area` from discovery lands. */
  getOrCreate(name: string): AreaEntry {
    return this.byName(name) ?? this.insert(name, {}, false);
  }

  /** A user's new area; `invalid_info` when the name is taken. */
  create(name: string, changes: Omit<AreaChanges, 'name'> = {}): AreaEntry {
    this.checkNameFree(name, null);
    return this.insert(name, changes, true);
  }

  update(areaId: string, changes: AreaChanges): AreaEntry {
    const area = this.areas.get(areaId);
    if (!area) throw new HubError('not_found', `Area ${areaId} not found.`);
    if (changes.name !== undefined) this.checkNameFree(changes.name, areaId);
    const old = changedKeys(area, changes);
    if (Object.keys(old).length === 0) return area;
    const updated: AreaEntry = { ...area, ...definedOnly(changes) };
    this.areas.set(areaId, updated);
    this.persistence.save(areaId, updated, true);
    this.bus.emit('areaRegistryUpdated', { action: 'update', id: areaId, changes: old });
    return updated;
  }

  /** Removes an area; the device and entity registries clear it from what was in it. */
  delete(areaId: string): void {
    if (!this.areas.delete(areaId)) throw new HubError('invalid_info', "Area ID doesn't exist");
    this.persistence.delete(areaId, true);
    this.bus.emit('areaRegistryUpdated', { action: 'remove', id: areaId });
  }

  private insert(name: string, changes: Omit<AreaChanges, 'name'>, durable: boolean): AreaEntry {
    const base = slugify(name);
    let areaId = base;
    for (let n = 2; this.areas.has(areaId); n++) areaId = `${base}_${n}`;
    const area = withDefaults({ area_id: areaId, name, ...definedOnly(changes) });
    this.areas.set(areaId, area);
    this.persistence.save(areaId, area, durable);
    this.bus.emit('areaRegistryUpdated', { action: 'create', id: areaId });
    return area;
  }

  private byName(name: string): AreaEntry | undefined {
    const wanted = normalize(name);
    for (const area of this.areas.values()) if (normalize(area.name) === wanted) return area;
    return undefined;
  }

  private checkNameFree(name: string, ownId: string | null): void {
    const holder = this.byName(name);
    if (holder && holder.area_id !== ownId)
      throw new HubError('invalid_info', `The name ${name} (${normalize(name)}) is already in use`);
  }
}

function withDefaults(area: Partial<AreaEntry> & { area_id: string; name: string }): AreaEntry {
  return { icon: null, picture: null, aliases: [], floor_id: null, labels: [], ...area };
}
