import type { IncomingMessage, ServerResponse } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { readTlsFiles } from '../config/read-tls-files.ts';
import type { HubContext } from '../hub-context.ts';
import { ApiAuth } from './api-auth.ts';
import { AuthRoutes, addressOf } from './auth-routes.ts';
import { sendJson } from './http-util.ts';
import { serveMetrics } from './metrics-route.ts';
import { OriginPolicy } from './origin-policy.ts';
import { handleRest } from './rest-api.ts';
import { applySecurityHeaders } from './security-headers.ts';
import { StaticFiles } from './static-files.ts';
import { WebSocketApi } from './websocket-api.ts';

/**
 * The hub's HTTP (or, with `tls`, HTTPS) listener: the panel at `/`, the WebSocket API at
 * `/api/websocket`, REST under `/api/`, the logins at `/auth/*` and onboarding, `/metrics`
 * (metrics-route.ts), and `/api/health` without auth. An address banned for failed logins gets 403 at every door but `/api/health`.
 */
export class HttpServer {
  readonly websocket: WebSocketApi;
  readonly scheme: 'http' | 'https';
  private readonly server: http.Server;
  private readonly files: StaticFiles;
  private readonly throttle: LoginThrottle;
  private readonly apiAuth: ApiAuth;
  private readonly authRoutes: AuthRoutes;
  private boundPort = 0;
  ready = false;
  /** Set when the hub begins to stop: `/api/health` answers 503 "stopping". */
  stopping = false;

  constructor(
    private readonly hub: HubContext,
    uiDir: string,
  ) {
    this.files = new StaticFiles(uiDir);
    const origins = new OriginPolicy({
      host: hub.config.host,
      scheme: () => this.scheme,
      port: () => this.boundPort,
      allowedOrigins: hub.config.allowedOrigins,
    });
    const { config, log } = hub;
    this.throttle = new LoginThrottle(
      {
        banAfterFailures: config.loginBanAfterFailures,
        failureWindowMs: config.loginFailureWindowMs,
        banMs: config.loginBanMs,
        banLoopback: config.loginBanLoopback,
      },
      hub.clock,
      log,
    );
    this.apiAuth = new ApiAuth(hub.auth, this.throttle, log);
    this.authRoutes = new AuthRoutes(hub, this.throttle);
    this.websocket = new WebSocketApi(hub, origins, this.apiAuth);
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.route(req, res).catch((error: unknown) => {
        // The path only: a query string may hold what a careless client thought was a place for a token.
        const path = (req.url ?? '/').split('?')[0];
        hub.log.error(
          `http: ${req.method} ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (!res.headersSent) sendJson(res, 500, { message: 'Internal error.' });
        else res.destroy();
      });
    };
    this.scheme = config.tls ? 'https' : 'http';
    this.server = config.tls
      ? https.createServer(readTlsFiles(config.tls, 'tls'), handler)
      : http.createServer(handler);
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
    this.server.on('upgrade', (req, socket, head) => {
      socket.on('error', () => socket.destroy());
      if (new URL(req.url ?? '/', 'http://hub').pathname !== '/api/websocket') {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      if (this.throttle.isBanned(addressOf(req))) {
        log.debug(`api: websocket from ${addressOf(req)} refused: banned`);
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      this.websocket.handleUpgrade(req, socket, head);
    });
    this.server.on('connection', (socket) => socket.setNoDelay(true));
  }

  get port(): number {
    return this.boundPort;
  }

  async listen(host: string, port: number): Promise<number> {
    if (!this.files.available)
      this.hub.log.warn('http: the panel is not built (run `npm run build`); serving the API only');
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : port;
    this.websocket.start();
    return this.boundPort;
  }

  async close(): Promise<void> {
    await this.websocket.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    applySecurityHeaders(res);
    const { pathname } = new URL(req.url ?? '/', 'http://hub');
    if (pathname === '/api/health') {
      const ready = this.ready && !this.stopping;
      sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ok' : this.stopping ? 'stopping' : 'starting',
        entities: this.hub.states.size,
        websocket_clients: this.websocket.connectionCount,
        // The hub serves while its broker is away (last states, a banner); a load balancer that
        // should drain such a hub can match on this.
        mqtt: this.hub.mqttLink.status.connected ? 'connected' : 'disconnected',
      });
      return;
    }
    if (this.throttle.isBanned(addressOf(req))) {
      this.hub.log.debug(`http: ${req.method} ${pathname} from ${addressOf(req)} refused: banned`);
      sendJson(res, 403, { message: 'Banned for too many failed logins; try again later.' });
      return;
    }
    if (pathname === '/metrics') {
      await serveMetrics(this.hub.metrics, this.apiAuth, req, res);
      return;
    }
    if (await this.authRoutes.handle(req, res, pathname)) return;
    if (pathname.startsWith('/api/')) {
      if (!(await handleRest(this.hub, req, res, pathname, this.apiAuth)))
        sendJson(res, 404, { message: 'Not found.' });
      return;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && this.files.serve(pathname, res)) return;
    // A client-side route of the panel: give it the panel.
    if (req.method === 'GET' && !pathname.includes('.') && this.files.serve('/', res)) return;
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
  }
}
