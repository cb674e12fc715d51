import { HubError } from '../../core/hub-error.ts';

// Home Assistant's `dt_util.parse_datetime`: an ISO 8601 date and time, with or without a zone.
const ISO_DATETIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** A time given by a client, in ms since the epoch, or undefined when it is not one. */
export function parseTime(text: string): number | undefined {
  if (!ISO_DATETIME.test(text.trim())) return undefined;
  const ms = Date.parse(text.trim().replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * `start_time` and `end_time` of the history, logbook and statistics commands, with Home Assistant's
 * errors: `invalid_start_time` / `invalid_end_time`, and an end before the start is one too.
 */
export function parseTimeRange(start: string, end: string | undefined): { startMs: number; endMs?: number } {
  const startMs = parseTime(start);
  if (startMs === undefined)
    throw new HubError('invalid_start_time', `Invalid start_time: ${start.slice(0, 40)}`);
  if (end === undefined) return { startMs };
  const endMs = parseTime(end);
  if (endMs === undefined || endMs < startMs)
    throw new HubError('invalid_end_time', `Invalid end_time: ${end.slice(0, 40)}`);
  return { startMs, endMs };
}
