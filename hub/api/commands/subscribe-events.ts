import { z } from 'zod';
import { defineCommand } from './command-handler.ts';

/**
 * `subscribe_events`: hearth emits `state_changed`; a subscription to another event type, or to
 * all, is accepted as Home Assistant does and receives the state changes it covers.
 */
export const subscribeEvents = defineCommand({
  type: 'subscribe_events',
  schema: z.looseObject({ event_type: z.string().max(255).optional() }),
  handle: (connection, message, { fanout }) => {
    const wantsStates = message.event_type === undefined || message.event_type === 'state_changed';
    connection.subscriptions.set(
      message.id,
      wantsStates ? fanout.subscribeStateChanged(connection, message.id) : () => {},
    );
    connection.sendResult(message.id, null);
  },
});
