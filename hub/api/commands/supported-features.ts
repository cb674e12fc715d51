import { z } from 'zod';
import { defineCommand } from './command-handler.ts';

/** `coalesce_messages`: the client accepts several messages per frame, as a JSON array. */
export const supportedFeatures = defineCommand({
  type: 'supported_features',
  schema: z.looseObject({ features: z.record(z.string(), z.unknown()) }),
  handle: (connection, message) => {
    connection.coalesce =
      message.features.coalesce_messages === 1 || message.features.coalesce_messages === true;
    connection.sendResult(message.id, null);
  },
});
