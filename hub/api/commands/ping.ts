import { z } from 'zod';
import { defineCommand } from './command-handler.ts';

/** Answered with a pong, not a result (Home Assistant's `ping`). */
export const ping = defineCommand({
  type: 'ping',
  schema: z.looseObject({}),
  handle: (connection, message) => connection.send(`{"id":${message.id},"type":"pong"}`),
});
