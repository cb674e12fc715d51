import { z } from 'zod';
import { defineCommand } from './command-handler.ts';

/** `config/{area,device,entity}_registry/list`, in Home Assistant's shapes. */
export const listAreas = defineCommand({
  type: 'config/area_registry/list',
  schema: z.looseObject({}),
  handle: (connection, message, { hub }) => connection.sendResult(message.id, hub.areas.list()),
});

export const listDevices = defineCommand({
  type: 'config/device_registry/list',
  schema: z.looseObject({}),
  handle: (connection, message, { hub }) => connection.sendResult(message.id, hub.devices.list()),
});

export const listEntities = defineCommand({
  type: 'config/entity_registry/list',
  schema: z.looseObject({}),
  handle: (connection, message, { hub }) => connection.sendResult(message.id, hub.entities.list()),
});
