import { z } from 'zod';
import { entitiesSnapshotJson } from '../entities-snapshot.ts';
import { defineCommand } from './command-handler.ts';

/**
 * `subscribe_entities`: the result, then the whole snapshot as one `a` event, then compressed
 * diffs. Nothing can slip between snapshot and subscription: both happen in this one
 * synchronous turn, and state changes are emitted synchronously too.
 */
export const subscribeEntities = defineCommand({
  type: 'subscribe_entities',
  schema: z.looseObject({ entity_ids: z.array(z.string().max(255)).max(10_000).optional() }),
  handle: (connection, message, { hub, fanout }) => {
    const filter = message.entity_ids ? new Set(message.entity_ids) : undefined;
    connection.subscriptions.set(message.id, fanout.subscribeEntities(connection, message.id, filter));
    connection.sendResult(message.id, null);
    connection.sendEvent(message.id, entitiesSnapshotJson(hub.states.all(), filter));
  },
});
