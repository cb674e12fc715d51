import { z } from 'zod';
import { defineCommand } from './command-handler.ts';

export const getStates = defineCommand({
  type: 'get_states',
  schema: z.looseObject({}),
  handle: (connection, message, { hub }) => connection.sendResult(message.id, hub.states.all()),
});
