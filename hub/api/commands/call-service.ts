import { z } from 'zod';
import type { CallServiceResult } from '../../protocol/websocket-messages.ts';
import { defineCommand } from './command-handler.ts';

const ids = z.union([z.string().max(255), z.array(z.string().max(255)).max(1000)]);
const targetSchema = z.looseObject({
  entity_id: ids.optional(),
  device_id: ids.optional(),
  area_id: ids.optional(),
});

/** Ids given as one string or a list, from `target` and, the old way, from `service_data`. */
const idList = (...values: unknown[]): string[] => [
  ...new Set(values.flat().filter((id): id is string => typeof id === 'string')),
];

/**
 * `call_service`, with hearth's semantics (DESIGN.md §4): the result comes when every targeted
 * device has confirmed, with the context its state change carried; otherwise `device_timeout`
 * or `device_unavailable`. Targets: entities, devices and areas, in `target` or, the old way,
 * in `service_data`.
 */
export const callService = defineCommand({
  type: 'call_service',
  schema: z.looseObject({
    domain: z.string().min(1).max(64),
    service: z.string().min(1).max(64),
    service_data: z.record(z.string(), z.unknown()).optional(),
    target: targetSchema.optional(),
    return_response: z.boolean().optional(),
  }),
  handle: async (connection, message, { hub }) => {
    const { entity_id, device_id, area_id, ...serviceData } = message.service_data ?? {};
    const { target } = message;
    const context = await hub.services.call({
      domain: message.domain,
      service: message.service,
      serviceData,
      target: {
        entity_id: idList(target?.entity_id, entity_id),
        device_id: idList(target?.device_id, device_id),
        area_id: idList(target?.area_id, area_id),
      },
      userId: connection.user.id,
    });
    const result: CallServiceResult = { context, response: null };
    connection.sendResult(message.id, result);
  },
});
