import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import { HubError } from '../core/hub-error.ts';
import { parseInput } from '../core/parse-input.ts';
import type { HubContext } from '../hub-context.ts';
import { HA_VERSION } from '../protocol/websocket-messages.ts';
import { ApiConnection } from './api-connection.ts';
import { COMMANDS } from './commands/index.ts';
import type { OriginPolicy } from './origin-policy.ts';
import { RegistryEventFanout } from './registry-event-fanout.ts';
import { StateFanout } from './state-fanout.ts';

/** An unauthenticated socket may not linger (DESIGN.md §6). */
const AUTH_TIMEOUT_MS = 10_000;
/** Protocol-level ping; a peer that misses two is gone (a phone that left the Wi-Fi). */
const HEARTBEAT_MS = 30_000;

/**
 * `/api/websocket`: Home Assistant's WebSocket API (https://developers.home-assistant.io/docs/api/websocket).
 * Auth comes before anything else; then each message is checked as Home Assistant checks it — an
 * object with a positive integer `id` greater than the last and a string `type` — before its
 * command's own schema. A bad message is answered and dropped; the connection goes on.
 */
export class WebSocketApi {
  readonly fanout: StateFanout;
  private readonly registryEvents: RegistryEventFanout;
  private readonly server: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly alive = new WeakSet<WebSocket>();

  constructor(
    private readonly hub: HubContext,
    private readonly originPolicy: OriginPolicy,
  ) {
    this.fanout = new StateFanout(hub.bus);
    this.registryEvents = new RegistryEventFanout(hub.bus, hub.clock);
    this.server = new WebSocketServer({
      noServer: true,
      maxPayload: hub.config.maxMessageBytes,
      // Compression costs CPU on a Pi for little gain on small messages, and it has a history of
      // memory bugs; off, as DESIGN.md §6 asks.
      perMessageDeflate: false,
    });
  }

  start(): void {
    this.fanout.start();
    this.registryEvents.start();
    this.heartbeat = setInterval(() => {
      for (const socket of this.sockets) {
        if (!this.alive.has(socket)) {
          socket.terminate();
          continue;
        }
        this.alive.delete(socket);
        socket.ping();
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    this.fanout.stop();
    this.registryEvents.stop();
    for (const socket of this.sockets) socket.close(1001, 'hub stopping');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const origin = request.headers.origin;
    if (!this.originPolicy.allows(origin, request.headers.host)) {
      this.hub.log.warn(
        `api: websocket from ${request.socket.remoteAddress} refused: origin ${origin ?? '(none)'} not allowed`,
      );
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
  }

  private accept(ws: WebSocket, request: IncomingMessage): void {
    const remote = `${request.socket.remoteAddress}:${request.socket.remotePort}`;
    const { log } = this.hub;
    this.sockets.add(ws);
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.on('error', (error) => log.debug(`api: ${remote}: ${error.message}`));
    let connection: ApiConnection | undefined;
    ws.on('close', () => {
      clearTimeout(authTimer);
      this.sockets.delete(ws);
      connection?.close();
    });
    const authTimer = setTimeout(() => ws.close(4001, 'authentication timed out'), AUTH_TIMEOUT_MS);
    ws.send(JSON.stringify({ type: 'auth_required', ha_version: HA_VERSION }));

    ws.on('message', (data, isBinary) => {
      if (connection) {
        this.receive(connection, data, isBinary);
        return;
      }
      const user = this.authenticate(data, isBinary);
      clearTimeout(authTimer);
      if (!user) {
        log.warn(`api: ${remote}: authentication failed`);
        ws.send(JSON.stringify({ type: 'auth_invalid', message: 'Invalid access token or password' }));
        ws.close(4003, 'authentication failed');
        return;
      }
      connection = new ApiConnection(ws, user, remote);
      log.debug(`api: ${remote}: authenticated as ${user.name}`);
      ws.send(JSON.stringify({ type: 'auth_ok', ha_version: HA_VERSION }));
    });
  }

  private authenticate(data: RawData, isBinary: boolean) {
    if (isBinary) return undefined;
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return undefined;
    }
    if (typeof message !== 'object' || message === null) return undefined;
    const { type, access_token: token } = message as Record<string, unknown>;
    if (type !== 'auth' || typeof token !== 'string') return undefined;
    return this.hub.auth.verifyToken(token);
  }

  private receive(connection: ApiConnection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      connection.sendError(null, 'invalid_format', 'Binary messages are not supported.');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      connection.sendError(null, 'invalid_format', 'Received invalid JSON.');
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      connection.sendError(null, 'invalid_format', 'Message incorrectly formatted.');
      return;
    }
    const { id, type } = message as Record<string, unknown>;
    if (
      typeof id !== 'number' ||
      !Number.isSafeInteger(id) ||
      id <= 0 ||
      typeof type !== 'string' ||
      type === ''
    ) {
      connection.sendError(
        typeof id === 'number' ? id : null,
        'invalid_format',
        'Message incorrectly formatted.',
      );
      return;
    }
    if (id <= connection.lastId) {
      connection.sendError(id, 'id_reuse', 'Identifier values have to increase.');
      return;
    }
    connection.lastId = id;
    const command = COMMANDS.get(type);
    if (!command) {
      connection.sendError(id, 'unknown_command', 'Unknown command.');
      return;
    }
    try {
      const parsed = parseInput(command.schema, message, 'message') as { id: number };
      const done = command.handle(connection, parsed, {
        hub: this.hub,
        fanout: this.fanout,
        registryEvents: this.registryEvents,
      });
      if (done) done.catch((error: unknown) => this.fail(connection, id, type, error));
    } catch (error) {
      this.fail(connection, id, type, error);
    }
  }

  private fail(connection: ApiConnection, id: number, type: string, error: unknown): void {
    if (error instanceof HubError) {
      connection.sendError(id, error.code, error.message);
      return;
    }
    this.hub.log.error(
      `api: ${type} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    connection.sendError(id, 'unknown_error', 'Unknown error.');
  }
}
