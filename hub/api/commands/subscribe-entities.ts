import { z } from 'zod';
import type { CompressedState } from '../../protocol/compressed-state.ts';
import { compressState } from '../../protocol/compressed-state.ts';
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
    const added: Record<string, CompressedState> = {};
    for (const state of hub.states.all()) {
      if (!filter || filter.has(state.entity_id)) added[state.entity_id] = compressState(state);
    }
    connection.sendEvent(message.id, JSON.stringify({ a: added }));
  },
});
