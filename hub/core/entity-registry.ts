import { domainOf } from '../protocol/entity-state.ts';
import type { EventBus } from './event-bus.ts';
import { HubError } from './hub-error.ts';
import type { RegistryPersistence } from './registry-persistence.ts';
import { changedKeys, definedOnly, noPersistence } from './registry-persistence.ts';
import { slugify } from './slugify.ts';

/** An entity's registration, in the shape of Home Assistant's `config/entity_registry/list`. */
export interface EntityEntry {
  entity_id: string;
  unique_id: string;
  platform: string;
  /** The user's name for it; null means the device's own (`original_name`). */
  name: string | null;
  original_name: string | null;
  device_id: string | null;
  /** The user's area for it; null means its device's. */
  area_id: string | null;
  /** The user's icon (`mdi:…`); null means the device's own. */
  icon: string | null;
  disabled_by: string | null;
  hidden_by: string | null;
  entity_category: string | null;
  has_entity_name: boolean;
}

export interface EntityRegistration {
  domain: string;
  unique_id: string;
  platform: string;
  /** The object id to derive the entity id from, already chosen by the caller. */
  suggested_object_id: string;
  original_name: string | null;
  device_id: string | null;
  entity_category?: string | null;
  has_entity_name?: boolean;
}

/** What a user may change on an entity (`config/entity_registry/update`); null clears a value. */
export interface EntityChanges {
  name?: string | null;
  icon?: string | null;
  area_id?: string | null;
  disabled_by?: 'user' | null;
  hidden_by?: 'user' | null;
}

const key = (platform: string, uniqueId: string): string => `${platform}\u0000${uniqueId}`;

/**
 * Entity ids are stable: once a `unique_id` has an entity id, it keeps it, as Home Assistant's
 * entity registry does (https://developers.home-assistant.io/docs/entity_registry_index). What
 * the user set — name, icon, area, disabled — survives the device announcing itself again.
 */
export class EntityRegistry {
  private readonly entries = new Map<string, EntityEntry>();
  private readonly byUniqueId = new Map<string, string>();

  constructor(
    private readonly bus: EventBus,
    private readonly persistence: RegistryPersistence<EntityEntry> = noPersistence(),
  ) {
    for (const stored of persistence.load()) {
      this.entries.set(stored.entity_id, stored);
      this.byUniqueId.set(key(stored.platform, stored.unique_id), stored.entity_id);
    }
    bus.on('entity-registry', 'areaRegistryUpdated', ({ action, id }) => {
      if (action !== 'remove') return;
      for (const entry of this.entries.values())
        if (entry.area_id === id) this.update(entry.entity_id, { area_id: null });
    });
  }

  list(): EntityEntry[] {
    return [...this.entries.values()];
  }

  get(entityId: string): EntityEntry | undefined {
    return this.entries.get(entityId);
  }

  getByUniqueId(platform: string, uniqueId: string): EntityEntry | undefined {
    const entityId = this.byUniqueId.get(key(platform, uniqueId));
    return entityId ? this.entries.get(entityId) : undefined;
  }

  /** The entities of a device. */
  ofDevice(deviceId: string): EntityEntry[] {
    return this.list().filter((entry) => entry.device_id === deviceId);
  }

  /** What discovery announces; an entity already known by its `unique_id` keeps its id and the user's edits. */
  register(registration: EntityRegistration): EntityEntry {
    const existing = this.getByUniqueId(registration.platform, registration.unique_id);
    if (existing && domainOf(existing.entity_id) === registration.domain) {
      const updated: EntityEntry = {
        ...existing,
        original_name: registration.original_name,
        device_id: registration.device_id,
        entity_category: registration.entity_category ?? null,
        has_entity_name: registration.has_entity_name ?? existing.has_entity_name,
      };
      const changes = changedKeys(existing, updated);
      if (Object.keys(changes).length === 0) return existing;
      this.store(updated, false);
      this.bus.emit('entityRegistryUpdated', { action: 'update', id: updated.entity_id, changes });
      return updated;
    }
    const entry: EntityEntry = {
      entity_id: this.freeEntityId(registration.domain, registration.suggested_object_id),
      unique_id: registration.unique_id,
      platform: registration.platform,
      name: null,
      original_name: registration.original_name,
      device_id: registration.device_id,
      area_id: null,
      icon: null,
      disabled_by: null,
      hidden_by: null,
      entity_category: registration.entity_category ?? null,
      has_entity_name: registration.has_entity_name ?? false,
    };
    this.store(entry, false);
    this.bus.emit('entityRegistryUpdated', { action: 'create', id: entry.entity_id });
    return entry;
  }

  /** A user's edit, on disk before it returns. */
  update(entityId: string, changes: EntityChanges): EntityEntry {
    const entry = this.entries.get(entityId);
    if (!entry) throw new HubError('not_found', 'Entity not found');
    const old = changedKeys(entry, changes);
    if (Object.keys(old).length === 0) return entry;
    const updated: EntityEntry = { ...entry, ...definedOnly(changes) };
    this.store(updated, true);
    this.bus.emit('entityRegistryUpdated', { action: 'update', id: entityId, changes: old });
    return updated;
  }

  /** Forgets an entity; `durable` when a user asked for it and is waiting for the answer. */
  remove(entityId: string, durable = false): void {
    const entry = this.entries.get(entityId);
    if (!entry) return;
    this.entries.delete(entityId);
    this.byUniqueId.delete(key(entry.platform, entry.unique_id));
    this.persistence.delete(entityId, durable);
    this.bus.emit('entityRegistryUpdated', { action: 'remove', id: entityId });
  }

  private store(entry: EntityEntry, durable: boolean): void {
    this.entries.set(entry.entity_id, entry);
    this.byUniqueId.set(key(entry.platform, entry.unique_id), entry.entity_id);
    this.persistence.save(entry.entity_id, entry, durable);
  }

  /** `light.kitchen`, then `light.kitchen_2`, … as Home Assistant's `async_generate_entity_id`. */
  private freeEntityId(domain: string, objectId: string): string {
    const base = `${domain}.${slugify(objectId)}`;
    let candidate = base;
    for (let n = 2; this.entries.has(candidate); n++) candidate = `${base}_${n}`;
    return candidate;
  }
}
