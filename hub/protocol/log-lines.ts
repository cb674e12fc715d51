import { z } from 'zod';

/**
 * `hearth/logs/subscribe`: the hub's recent log lines, then each new one, for the owner's panel.
 * Each event is `{ lines: LogLine[] }`: the first holds the lines kept so far, the next ones what
 * was logged since. hearth's own; Home Assistant has no such message.
 */
export const LOGS_SUBSCRIBE = 'hearth/logs/subscribe';

/** pino's level names, least severe first. */
export const LOG_LINE_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLineLevel = (typeof LOG_LINE_LEVELS)[number];

/** A line longer than this is cut, so one runaway message cannot fill a panel or the buffer. */
export const MAX_LOG_MESSAGE_CHARS = 1000;

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
