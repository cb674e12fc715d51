import { z } from 'zod';
import type { LogLineLevel } from './settings-messages.ts';
import { LOG_LINE_LEVELS } from './settings-messages.ts';

/** A line longer than this is cut, so one runaway message cannot fill a panel or the buffer. */
export const MAX_LOG_MESSAGE_CHARS = 1000;

/**
 * One line of `hearth/logs/subscribe` (LOGS_SUBSCRIBE, settings-messages.ts), the hub's log for the
 * owner's panel. Each event is `{ lines: LogLine[] }`: the first holds the lines kept so far, the
 * next ones what was logged since. hearth's own; Home Assistant has no such message.
 */
export const logLine = z.object({
  /** ISO 8601. */
  time: z.string(),
  level: z.enum(LOG_LINE_LEVELS),
  /** The part of the hub that logged it (`api`, `discovery`…); null for the hub as a whole. */
  module: z.string().max(64).nullable(),
  msg: z.string().max(MAX_LOG_MESSAGE_CHARS),
});
export type LogLine = z.infer<typeof logLine>;

export const logsSubscribeMessage = z.looseObject({
  /** The least severe level to send; default: every line. */
  level: z.enum(LOG_LINE_LEVELS).optional(),
});

/** Whether a line of `level` passes a filter of `minimum`. */
export function atLeast(level: LogLineLevel, minimum: LogLineLevel): boolean {
  return LOG_LINE_LEVELS.indexOf(level) >= LOG_LINE_LEVELS.indexOf(minimum);
}
