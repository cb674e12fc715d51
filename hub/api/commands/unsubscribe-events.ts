import { z } from 'zod';
import { HubError } from '../../core/hub-error.ts';
import { defineCommand } from './command-handler.ts';

export const unsubscribeEvents = defineCommand({
  type: 'unsubscribe_events',
  schema: z.looseObject({ subscription: z.number().int() }),
  handle: (connection, message) => {
    const unsubscribe = connection.subscriptions.get(message.subscription);
    if (!unsubscribe) throw new HubError('not_found', 'Subscription not found.');
    unsubscribe();
    connection.subscriptions.delete(message.subscription);
    connection.sendResult(message.id, null);
  },
});
