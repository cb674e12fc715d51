import { z } from 'zod';
import type { EntityEntry } from '../../core/entity-registry.ts';
import { HubError } from '../../core/hub-error.ts';
import type { HubContext } from '../../hub-context.ts';
import { defineCommand } from './command-handler.ts';
import { iconName, registryId, requireArea, userName } from './registry-schemas.ts';

/** `config/entity_registry/get`'s `extended_dict`: the list entry and what the entity itself says. */
function extended(hub: HubContext, entry: EntityEntry) {
  const deviceClass = hub.states.get(entry.entity_id)?.attributes.device_class;
  return {
    ...entry,
    aliases: [],
    capabilities: null,
    device_class: null,
    original_device_class: typeof deviceClass === 'string' ? deviceClass : null,
    original_icon: null,
  };
}

function entryOf(hub: HubContext, entityId: string): EntityEntry {
  const entry = hub.entities.get(entityId);
  if (!entry) throw new HubError('not_found', 'Entity not found');
  return entry;
}

export const getEntityEntry = defineCommand({
  type: 'config/entity_registry/get',
  schema: z.looseObject({ entity_id: registryId }),
  handle: (connection, message, { hub }) =>
    connection.sendResult(message.id, extended(hub, entryOf(hub, message.entity_id))),
});

/**
 * `config/entity_registry/update`: name, icon, area, disabled, hidden. The answer comes after the
 * change is on disk; it reaches every panel as `entity_registry_updated` and, for the name and the
 * icon, as a state change of the entity.
 */
export const updateEntityEntry = defineCommand({
  type: 'config/entity_registry/update',
  schema: z.looseObject({
    entity_id: registryId,
    name: userName.optional(),
    icon: iconName.optional(),
    area_id: registryId.nullable().optional(),
    disabled_by: z.literal('user').nullable().optional(),
    hidden_by: z.literal('user').nullable().optional(),
    new_entity_id: registryId.optional(),
  }),
  handle: (connection, message, { hub }) => {
    entryOf(hub, message.entity_id);
    if (message.new_entity_id !== undefined && message.new_entity_id !== message.entity_id)
      throw new HubError('invalid_info', 'hearth does not change entity ids; rename the entity instead');
    requireArea(hub.areas, message.area_id);
    const entry = hub.entities.update(message.entity_id, {
      name: message.name,
      icon: message.icon,
      area_id: message.area_id,
      disabled_by: message.disabled_by,
      hidden_by: message.hidden_by,
    });
    connection.sendResult(message.id, { entity_entry: extended(hub, entry) });
  },
});

/**
 * `config/entity_registry/remove`: forgets the entity and its state. A device that announces it
 * again brings it back, under the same id, as in Home Assistant.
 */
export const removeEntityEntry = defineCommand({
  type: 'config/entity_registry/remove',
  schema: z.looseObject({ entity_id: registryId }),
  handle: (connection, message, { hub }) => {
    entryOf(hub, message.entity_id);
    hub.entities.remove(message.entity_id, true);
    hub.states.remove(message.entity_id);
    connection.sendResult(message.id, null);
  },
});
