import { z } from 'zod';
import { defineCommand } from './command-handler.ts';
import { registryId, requireArea, userName } from './registry-schemas.ts';

/** `config/device_registry/update`: area, name, disabled; answered with the device once on disk. */
export const updateDevice = defineCommand({
  type: 'config/device_registry/update',
  schema: z.looseObject({
    device_id: registryId,
    area_id: registryId.nullable().optional(),
    name_by_user: userName.optional(),
    disabled_by: z.literal('user').nullable().optional(),
  }),
  handle: (connection, message, { hub }) => {
    requireArea(hub.areas, message.area_id);
    const device = hub.devices.update(message.device_id, {
      area_id: message.area_id,
      name_by_user: message.name_by_user,
      disabled_by: message.disabled_by,
    });
    connection.sendResult(message.id, device);
  },
});
