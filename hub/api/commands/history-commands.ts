import { z } from 'zod';
import { defineCommand } from './command-handler.ts';
import { parseTimeRange } from './time-range.ts';

const entityIds = z.array(z.string().min(1).max(255)).min(1, 'must name at least one entity').max(1000);
const time = z.string().max(64);

/**
 * `history/history_during_period` (Home Assistant's history websocket API): per entity, its state
 * at `start_time` and its changes until `end_time`, in the compressed form `{s, a, lu, lc}`.
 */
export const historyDuringPeriod = defineCommand({
  type: 'history/history_during_period',
  schema: z.looseObject({
    start_time: time,
    end_time: time.optional(),
    entity_ids: entityIds,
    include_start_time_state: z.boolean().default(true),
    significant_changes_only: z.boolean().default(true),
    minimal_response: z.boolean().default(false),
    no_attributes: z.boolean().default(false),
  }),
  handle: (connection, message, { hub }) => {
    const range = parseTimeRange(message.start_time, message.end_time);
    if (range.startMs > hub.clock.now()) {
      connection.sendResult(message.id, {});
      return;
    }
    connection.sendResult(
      message.id,
      hub.recorder.history({
        ...range,
        entityIds: message.entity_ids,
        includeStartTimeState: message.include_start_time_state,
        significantChangesOnly: message.significant_changes_only,
        minimalResponse: message.minimal_response,
        noAttributes: message.no_attributes,
      }),
    );
  },
});

/**
 * `logbook/get_events`: the changes of the named entities (or of a device's), oldest first, with
 * the user whose command caused each. Without names, every entity but the continuous sensors.
 */
export const logbookGetEvents = defineCommand({
  type: 'logbook/get_events',
  schema: z.looseObject({
    start_time: time,
    end_time: time.optional(),
    entity_ids: z.array(z.string().max(255)).max(1000).optional(),
    device_ids: z.array(z.string().max(255)).max(1000).optional(),
  }),
  handle: (connection, message, { hub }) => {
    const range = parseTimeRange(message.start_time, message.end_time);
    const named =
      message.entity_ids || message.device_ids
        ? [
            ...(message.entity_ids ?? []),
            ...(message.device_ids ?? []).flatMap((id) => hub.entities.ofDevice(id).map((e) => e.entity_id)),
          ]
        : undefined;
    const empty = range.startMs > hub.clock.now() || named?.length === 0;
    connection.sendResult(message.id, empty ? [] : hub.recorder.logbook({ ...range, entityIds: named }));
  },
});

/**
 * `recorder/statistics_during_period`: the 5-minute mean, min and max of measurement sensors, or
 * their aggregates by hour, day, week or month; for ranges too long for raw history.
 */
export const statisticsDuringPeriod = defineCommand({
  type: 'recorder/statistics_during_period',
  schema: z.looseObject({
    start_time: time,
    end_time: time.optional(),
    statistic_ids: z.array(z.string().min(1).max(255)).min(1).max(1000),
    period: z.enum(['5minute', 'hour', 'day', 'week', 'month']),
    // Home Assistant's other types (sum, state, change, last_reset) are for energy meters; not kept.
    types: z.array(z.enum(['change', 'last_reset', 'max', 'mean', 'min', 'state', 'sum'])).optional(),
  }),
  handle: (connection, message, { hub }) => {
    const range = parseTimeRange(message.start_time, message.end_time);
    const types = message.types?.filter((type) => type === 'mean' || type === 'min' || type === 'max');
    connection.sendResult(
      message.id,
      hub.recorder.statistics({
        ...range,
        statisticIds: message.statistic_ids,
        period: message.period,
        types,
      }),
    );
  },
});
