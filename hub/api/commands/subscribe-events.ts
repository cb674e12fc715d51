import { z } from 'zod';
import { REGISTRY_EVENT_TYPES } from '../registry-event-fanout.ts';
import { defineCommand } from './command-handler.ts';

/**
 * `subscribe_events`: hearth emits `state_changed` and the registries' `entity_registry_updated`,
 * `device_registry_updated` and `area_registry_updated`; a subscription to all (no `event_type`)
 * gets all of them, and one to another event type is accepted, as Home Assistant does, and stays quiet.
 */
export const subscribeEvents = defineCommand({
  type: 'subscribe_events',
  schema: z.looseObject({ event_type: z.string().max(255).optional() }),
  handle: (connection, message, { fanout, registryEvents }) => {
    const type = message.event_type;
    const unsubscribes: (() => void)[] = [];
    if (type === undefined || type === 'state_changed')
      unsubscribes.push(fanout.subscribeStateChanged(connection, message.id));
    if (type === undefined || REGISTRY_EVENT_TYPES.has(type))
      unsubscribes.push(registryEvents.subscribe(connection, message.id, type));
    connection.subscriptions.set(message.id, () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    });
    connection.sendResult(message.id, null);
  },
});
