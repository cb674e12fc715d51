import { domainOf } from '../protocol/entity-state.ts';
import type { EventBus } from './event-bus.ts';
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
  area_id: string | null;
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

/**
 * Entity ids are stable: once a `unique_id` has an entity id, it keeps it, as Home Assistant's
 * entity registry does (https://developers.home-assistant.io/docs/entity_registry_index).
 */
export class EntityRegistry {
  private readonly entries = new Map<string, EntityEntry>();
  private readonly byUniqueId = new Map<string, string>();

  constructor(private readonly bus: EventBus) {}

  list(): EntityEntry[] {
    return [...this.entries.values()];
  }

  get(entityId: string): EntityEntry | undefined {
    return this.entries.get(entityId);
  }

  getByUniqueId(platform: string, uniqueId: string): EntityEntry | undefined {
    const entityId = this.byUniqueId.get(`${platform}\u0000${uniqueId}`);
    return entityId ? this.entries.get(entityId) : undefined;
  }

  register(registration: EntityRegistration): EntityEntry {
    const key = `${registration.platform}\u0000${registration.unique_id}`;
    const existingId = this.byUniqueId.get(key);
    const existing = existingId ? this.entries.get(existingId) : undefined;
    if (existing && domainOf(existing.entity_id) === registration.domain) {
      const updated: EntityEntry = {
        ...existing,
        original_name: registration.original_name,
        device_id: registration.device_id,
        entity_category: registration.entity_category ?? null,
        has_entity_name: registration.has_entity_name ?? existing.has_entity_name,
      };
      this.entries.set(updated.entity_id, updated);
      this.bus.emit('entityRegistryUpdated', { action: 'update', id: updated.entity_id });
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
    this.entries.set(entry.entity_id, entry);
    this.byUniqueId.set(key, entry.entity_id);
    this.bus.emit('entityRegistryUpdated', { action: 'create', id: entry.entity_id });
    return entry;
  }

  remove(entityId: string): void {
    const entry = this.entries.get(entityId);
    if (!entry) return;
    this.entries.delete(entityId);
    this.byUniqueId.delete(`${entry.platform}\u0000${entry.unique_id}`);
    this.bus.emit('entityRegistryUpdated', { action: 'remove', id: entityId });
  }

  /** `light.kitchen`, then `light.kitchen_2`, … as Home Assistant's `async_generate_entity_id`. */
  private freeEntityId(domain: string, objectId: string): string {
    const base = `${domain}.${slugify(objectId)}`;
    let candidate = base;
    for (let n = 2; this.entries.has(candidate); n++) candidate = `${base}_${n}`;
    return candidate;
  }
}
