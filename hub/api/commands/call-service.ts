import { z } from 'zod';
import type { CallServiceResult } from '../../protocol/websocket-messages.ts';
import { defineCommand } from './command-handler.ts';

const entityIds = z.union([z.string().max(255), z.array(z.string().max(255)).max(1000)]);

/**
 * `call_service`, with hearth's semantics (DESIGN.md §4): the result comes when every targeted
 * device has confirmed, with the context its state change carried; otherwise `device_timeout`
 * or `device_unavailable`. Targets may also come the old way, as `service_data.entity_id`.
 */
export const callService = defineCommand({
  type: 'call_service',
  schema: z.looseObject({
    domain: z.string().min(1).max(64),
    service: z.string().min(1).max(64),
    service_data: z.record(z.string(), z.unknown()).optional(),
    target: z.looseObject({ entity_id: entityIds.optional() }).optional(),
    return_response: z.boolean().optional(),
  }),
  handle: async (connection, message, { hub }) => {
    const { entity_id: legacyTarget, ...serviceData } = message.service_data ?? {};
    const targets = [message.target?.entity_id, legacyTarget]
      .flat()
      .filter((id): id is string => typeof id === 'string');
    const context = await hub.services.call({
      domain: message.domain,
      service: message.service,
      serviceData,
      entityIds: [...new Set(targets)],
      userId: connection.user.id,
    });
    const result: CallServiceResult = { context, response: null };
    connection.sendResult(message.id, result);
  },
});
