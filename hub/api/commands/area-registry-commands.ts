import { z } from 'zod';
import { defineCommand } from './command-handler.ts';
import { iconName, registryId } from './registry-schemas.ts';

const areaName = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const aliases = z.array(z.string().trim().min(1).max(100)).max(50);
const picture = z.string().max(2048).nullable();

/** `config/area_registry/create`: a new area, answered once on disk; a taken name is `invalid_info`. */
export const createArea = defineCommand({
  type: 'config/area_registry/create',
  schema: z.looseObject({
    name: areaName,
    icon: iconName.optional(),
    picture: picture.optional(),
    aliases: aliases.optional(),
  }),
  handle: (connection, message, { hub }) => {
    const { name, icon, picture, aliases } = message;
    connection.sendResult(message.id, hub.areas.create(name, { icon, picture, aliases }));
  },
});

/** `config/area_registry/update`: renaming keeps the area's id, so what is in it stays in it. */
export const updateArea = defineCommand({
  type: 'config/area_registry/update',
  schema: z.looseObject({
    area_id: registryId,
    name: areaName.optional(),
    icon: iconName.optional(),
    picture: picture.optional(),
    aliases: aliases.optional(),
  }),
  handle: (connection, message, { hub }) => {
    const { name, icon, picture, aliases } = message;
    connection.sendResult(message.id, hub.areas.update(message.area_id, { name, icon, picture, aliases }));
  },
});

/** `config/area_registry/delete`: devices and entities in it are left in no area. Answered `"success"`. */
export const deleteArea = defineCommand({
  type: 'config/area_registry/delete',
  schema: z.looseObject({ area_id: registryId }),
  handle: (connection, message, { hub }) => {
    hub.areas.delete(message.area_id);
    connection.sendResult(message.id, 'success');
  },
});
