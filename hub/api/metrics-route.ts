import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopback } from '../auth/login-throttle.ts';
import type { HubMetrics } from '../core/hub-metrics.ts';
import type { ApiAuth } from './api-auth.ts';
import { bearerToken, sendJson } from './http-util.ts';

/**
 * `GET /metrics`: Prometheus' text format. Open to a scraper on the hub's own machine (127.0.0.1,
 * ::1), as node_exporter is; from anywhere else it takes a bearer token, as the REST API does.
 */
export async function serveMetrics(
  metrics: HubMetrics,
  apiAuth: ApiAuth,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { message: 'Method not allowed.' });
    return;
  }
  const address = req.socket.remoteAddress ?? 'unknown';
  if (!isLoopback(address)) {
    const token = bearerToken(req);
    if (!token || !('user' in apiAuth.check(token, address, 'rest'))) {
      sendJson(res, 401, { message: 'Unauthorized: send Authorization: Bearer <token>' });
      return;
    }
  }
  const { contentType, body } = await metrics.scrape();
  res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
