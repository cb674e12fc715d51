import type { Command } from '../connection/hub-connection.ts';
import type { AreaEntry } from './registry.ts';

/** What the edit dialog may change on an entity; `null` gives back the device's own. */
export interface EntityEdit {
  name?: string | null;
  icon?: string | null;
  area_id?: string | null;
}

export interface RegistryActions {
  /** `config/entity_registry/update`; every open panel hears of it from the hub. */
  updateEntity(entityId: string, edit: EntityEdit): Promise<void>;
  createArea(name: string): Promise<AreaEntry>;
  renameArea(areaId: string, name: string): Promise<void>;
  deleteArea(areaId: string): Promise<void>;
}

/**
 * Registry edits. They change nothing in the store by themselves: the hub answers every panel,
 * this one too, with `*_registry_updated` and the renamed entity's new state, so all panels show
 * the same thing by the same path.
 */
export function createRegistryActions(request: Command): RegistryActions {
  return {
    async updateEntity(entityId, edit) {
      await request({ type: 'config/entity_registry/update', entity_id: entityId, ...edit });
    },
    async createArea(name) {
      return (await request({ type: 'config/area_registry/create', name })) as AreaEntry;
    },
    async renameArea(areaId, name) {
      await request({ type: 'config/area_registry/update', area_id: areaId, name });
    },
    async deleteArea(areaId) {
      await request({ type: 'config/area_registry/delete', area_id: areaId });
    },
  };
}
