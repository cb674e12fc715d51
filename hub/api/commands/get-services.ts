import { z } from 'zod';
import { defineCommand } from './command-handler.ts';

export const getServices = defineCommand({
  type: 'get_services',
  schema: z.looseObject({}),
  handle: (connection, message, { hub }) => connection.sendResult(message.id, hub.services.describe()),
});
