import { z } from 'zod';
import { HubError } from '../../core/hub-error.ts';
import { defineCommand } from './command-handler.ts';
import { registryId, userName } from './registry-schemas.ts';

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
    if (message.area_id && !hub.areas.get(message.area_id))
      throw new HubError('invalid_info', `Area ${message.area_id} does not exist`);
    const device = hub.devices.update(message.device_id, {
      area_id: message.area_id,
      name_by_user: message.name_by_user,
      disabled_by: message.disabled_by,
    });
    connection.sendResult(message.id, device);
  },
});
