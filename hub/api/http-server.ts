import type { IncomingMessage, ServerResponse } from 'node:http';
import http from 'node:http';
import type { HubContext } from '../hub-context.ts';
import type { TokenResponse } from '../protocol/websocket-messages.ts';
import { BodyTooLarge, readBody, SECURITY_HEADERS, sendJson } from './http-util.ts';
import { OriginPolicy } from './origin-policy.ts';
import { handleRest } from './rest-api.ts';
import { StaticFiles } from './static-files.ts';
import { WebSocketApi } from './websocket-api.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * The hub's HTTP listener: the panel at `/`, the WebSocket API at `/api/websocket`, REST under
 * `/api/`, the panel's login at `/auth/token`, and `/api/health` without auth.
 */
export class HttpServer {
  readonly websocket: WebSocketApi;
  private readonly server: http.Server;
  private readonly files: StaticFiles;
  private boundPort = 0;
  ready = false;

  constructor(
    private readonly hub: HubContext,
    uiDir: string,
  ) {
    this.files = new StaticFiles(uiDir);
    const origins = new OriginPolicy({
      loopbackOnly: LOOPBACK.has(hub.config.host),
      port: () => this.boundPort,
      allowedOrigins: hub.config.allowedOrigins,
    });
    this.websocket = new WebSocketApi(hub, origins);
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        hub.log.error(
          `http: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (!res.headersSent) sendJson(res, 500, { message: 'Internal error.' });
        else res.destroy();
      });
    });
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
    this.server.on('upgrade', (req, socket, head) => {
      socket.on('error', () => socket.destroy());
      if (new URL(req.url ?? '/', 'http://hub').pathname !== '/api/websocket') {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
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
    const { pathname } = new URL(req.url ?? '/', 'http://hub');
    if (pathname === '/api/health') {
      sendJson(res, this.ready ? 200 : 503, {
        status: this.ready ? 'ok' : 'starting',
        entities: this.hub.states.size,
        websocket_clients: this.websocket.connectionCount,
        // The hub serves while its broker is away (last states, a banner); a load balancer that
        // should drain such a hub can match on this.
        mqtt: this.hub.mqttLink.status.connected ? 'connected' : 'disconnected',
      });
      return;
    }
    if (pathname === '/auth/token') {
      await this.exchangeLoginCode(req, res);
      return;
    }
    if (pathname.startsWith('/api/')) {
      if (!(await handleRest(this.hub, req, res, pathname))) sendJson(res, 404, { message: 'Not found.' });
      return;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && this.files.serve(pathname, res)) return;
    // A client-side route of the panel: give it the panel.
    if (req.method === 'GET' && !pathname.includes('.') && this.files.serve('/', res)) return;
    res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' });
    res.end('Not found');
  }

  /** OAuth 2's authorization-code grant, as Home Assistant's `/auth/token` takes it. */
  private async exchangeLoginCode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'invalid_request', error_description: 'POST only' });
      return;
    }
    let body: string;
    try {
      body = await readBody(req, 4096);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendJson(res, 413, { error: 'invalid_request', error_description: 'body too large' });
        return;
      }
      throw error;
    }
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'authorization_code') {
      sendJson(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'grant_type must be authorization_code',
      });
      return;
    }
    const token = this.hub.auth.redeemLoginCode(form.get('code') ?? '');
    if (!token) {
      this.hub.log.warn(`auth: login code refused from ${req.socket.remoteAddress}`);
      sendJson(res, 400, {
        error: 'invalid_grant',
        error_description: 'The login code is wrong, used or expired.',
      });
      return;
    }
    const response: TokenResponse = { access_token: token, token_type: 'Bearer' };
    sendJson(res, 200, response);
  }
}
