import type { ServerResponse } from 'node:http';
import type { HubContext } from '../hub-context.ts';
import { parseTime } from './commands/time-range.ts';
import { sendJson } from './http-util.ts';

const DAY_MS = 86_400_000;
export const HISTORY_PATH = '/api/history/period';

/**
 * `GET /api/history/period[/<start>]?filter_entity_id=a,b[&end_time=…][&minimal_response]
 * [&no_attributes][&significant_changes_only=0][&skip_initial_state]`, as Home Assistant's REST
 * API answers it (https://developers.home-assistant.io/docs/api/rest): a list per entity of its
 * states, the first one the state at the start. The start defaults to a day ago, the end to a day
 * after the start.
 */
export function handleHistory(hub: HubContext, url: URL, res: ServerResponse): void {
  const rest = url.pathname.slice(HISTORY_PATH.length);
  const startText = decodeURIComponent(rest.replace(/^\//, ''));
  const now = hub.clock.now();
  const startMs = startText === '' ? now - DAY_MS : parseTime(startText);
  if (startMs === undefined) {
    sendJson(res, 400, { message: 'Invalid datetime' });
    return;
  }
  const endText = url.searchParams.get('end_time');
  const endMs = endText === null ? startMs + DAY_MS : parseTime(endText);
  if (endMs === undefined) {
    sendJson(res, 400, { message: 'Invalid end_time' });
    return;
  }
  const filter = url.searchParams.get('filter_entity_id');
  if (!filter) {
    sendJson(res, 400, { message: 'filter_entity_id is missing' });
    return;
  }
  if (startMs > now) {
    sendJson(res, 200, []);
    return;
  }
  const entityIds = filter
    .toLowerCase()
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .slice(0, 1000);
  sendJson(
    res,
    200,
    hub.recorder.historyStates({
      startMs,
      endMs,
      entityIds,
      includeStartTimeState: !url.searchParams.has('skip_initial_state'),
      significantChangesOnly: url.searchParams.get('significant_changes_only') !== '0',
      minimalResponse: url.searchParams.has('minimal_response'),
      noAttributes: url.searchParams.has('no_attributes'),
    }),
  );
}
