import type { IncomingMessage, ServerResponse } from 'node:http';
import type { User } from '../auth/auth-store.ts';
import { HubError } from '../core/hub-error.ts';
import type { HubContext } from '../hub-context.ts';
import type { ApiAuth } from './api-auth.ts';
import { BodyTooLarge, bearerToken, readBody, sendJson } from './http-util.ts';
import { exceedsDepth, MAX_JSON_DEPTH } from './json-depth.ts';
import { HISTORY_PATH, handleHistory } from './rest-history.ts';

/**
 * Home Assistant's REST API, for scripts and curl (https://developers.home-assistant.io/docs/api/rest):
 * `GET /api/states`, `GET /api/states/<entity_id>`, `POST /api/services/<domain>/<service>`,
 * `GET /api/history/period/<start>`. Bearer
 * token on every call; service calls take the same path as the WebSocket's.
 */
export async function handleRest(
  hub: HubContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  apiAuth: ApiAuth,
): Promise<boolean> {
  const states = pathname === '/api/states' || pathname.startsWith('/api/states/');
  const services = pathname.startsWith('/api/services/');
  const history = pathname === HISTORY_PATH || pathname.startsWith(`${HISTORY_PATH}/`);
  if (!states && !services && !history) return false;
  const user = authorize(apiAuth, req);
  if (!user) {
    sendJson(res, 401, { message: 'Unauthorized: send Authorization: Bearer <token>' });
    return true;
  }
  try {
    if (history && req.method === 'GET') {
      handleHistory(hub, new URL(req.url ?? '/', 'http://hub'), res);
      return true;
    }
    if (states && req.method === 'GET') {
      if (pathname === '/api/states') sendJson(res, 200, hub.states.all());
      else {
        const state = hub.states.get(decodeURIComponent(pathname.slice('/api/states/'.length)));
        if (state) sendJson(res, 200, state);
        else sendJson(res, 404, { message: 'Entity not found.' });
      }
      return true;
    }
    if (services && req.method === 'POST') {
      const [domain, service, ...rest] = pathname.slice('/api/services/'.length).split('/');
      if (!domain || !service || rest.length > 0) {
        sendJson(res, 404, { message: 'Not found.' });
        return true;
      }
      const body = await readBody(req, hub.config.maxMessageBytes);
      let data: unknown = {};
      if (body.trim() !== '') {
        try {
          data = JSON.parse(body);
        } catch {
          sendJson(res, 400, { message: 'Data should be valid JSON.' });
          return true;
        }
      }
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        sendJson(res, 400, { message: 'Data should be a JSON object.' });
        return true;
      }
      if (exceedsDepth(data, MAX_JSON_DEPTH)) {
        sendJson(res, 400, { message: `Data is nested more than ${MAX_JSON_DEPTH} levels deep.` });
        return true;
      }
      const { entity_id, device_id, area_id, ...serviceData } = data as Record<string, unknown>;
      const ids = (value: unknown) => [value].flat().filter((id): id is string => typeof id === 'string');
      const target = { entity_id: ids(entity_id), device_id: ids(device_id), area_id: ids(area_id) };
      const context = await hub.services.call({ domain, service, serviceData, target, userId: user.id });
      // Home Assistant answers with the states that changed during the call.
      sendJson(
        res,
        200,
        hub.states.all().filter((state) => state.context.id === context.id),
      );
      return true;
    }
    sendJson(res, 405, { message: 'Method not allowed.' });
  } catch (error) {
    if (error instanceof BodyTooLarge) sendJson(res, 413, { message: 'Request body too large.' });
    else if (error instanceof HubError)
      sendJson(res, statusOf(error.code), { message: error.message, code: error.code });
    else throw error;
  }
  return true;
}

function authorize(apiAuth: ApiAuth, req: IncomingMessage): User | undefined {
  const token = bearerToken(req);
  if (!token) return undefined;
  const check = apiAuth.check(token, req.socket.remoteAddress ?? 'unknown', 'rest');
  return 'user' in check ? check.user : undefined;
}

function statusOf(code: HubError['code']): number {
  switch (code) {
    case 'not_found':
      return 404;
    case 'invalid_format':
    case 'service_validation_error':
      return 400;
    case 'device_timeout':
      return 504;
    case 'device_unavailable':
      return 503;
    default:
      return 500;
  }
}
