import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import type { TokenCheck } from '../auth/auth-store.ts';
import { HubError } from '../core/hub-error.ts';
import { parseInput } from '../core/parse-input.ts';
import type { HubContext } from '../hub-context.ts';
import { HA_VERSION } from '../protocol/websocket-messages.ts';
import type { ApiAuth } from './api-auth.ts';
import { ApiConnection } from './api-connection.ts';
import { COMMANDS } from './commands/index.ts';
import { Heartbeat } from './heartbeat.ts';
import { exceedsDepth, MAX_JSON_DEPTH } from './json-depth.ts';
import { LiveSessions } from './live-sessions.ts';
import type { OriginPolicy } from './origin-policy.ts';
import { MessageRateLimit } from './rate-limit.ts';
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
  private readonly heartbeat = new Heartbeat(HEARTBEAT_MS);
  private readonly sessions: LiveSessions;

  constructor(
    private readonly hub: HubContext,
    private readonly originPolicy: OriginPolicy,
    private readonly apiAuth: ApiAuth,
  ) {
    this.fanout = new StateFanout(hub.bus);
    this.registryEvents = new RegistryEventFanout(hub.bus, hub.clock);
    this.sessions = new LiveSessions(hub.auth);
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
    this.heartbeat.start();
    this.sessions.start();
  }

  async stop(): Promise<void> {
    this.heartbeat.stop();
    this.sessions.stop();
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
    if (!this.originPolicy.allows(origin)) {
      this.hub.log.warn(
        `api: websocket from ${request.socket.remoteAddress} refused: origin ${origin ?? '(none)'} not allowed`,
      );
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
  }

  private accept(ws: WebSocket, request: IncomingMessage): void {
    const address = request.socket.remoteAddress ?? 'unknown';
    const remote = `${address}:${request.socket.remotePort}`;
    const { log, config } = this.hub;
    this.sockets.add(ws);
    this.heartbeat.add(ws);
    const { traffic } = this.hub.metrics;
    traffic.websocketConnections++;
    let connection: ApiConnection | undefined;
    const who = () => (connection ? `${remote} (${connection.user.name})` : remote);
    // Protocol violations: a frame over maxMessageBytes (1009), invalid UTF-8 (1007), a bad opcode.
    ws.on('error', (error) => log.warn(`api: ${who()} closed: ${error.message}`));
    const rateLimit = new MessageRateLimit(config, log, who);
    ws.on('close', () => {
      clearTimeout(authTimer);
      this.sockets.delete(ws);
      traffic.websocketConnections--;
      connection?.close();
    });
    const authTimer = setTimeout(() => ws.close(4001, 'authentication timed out'), AUTH_TIMEOUT_MS);
    ws.send(JSON.stringify({ type: 'auth_required', ha_version: HA_VERSION }));

    ws.on('message', (data, isBinary) => {
      traffic.websocketMessagesIn++;
      if (connection) {
        if (rateLimit.admit(connection, data, ws)) this.receive(connection, data, isBinary);
        return;
      }
      const check = this.authenticate(data, isBinary, address);
      clearTimeout(authTimer);
      if ('error' in check) {
        ws.send(JSON.stringify({ type: 'auth_invalid', message: 'Invalid access token or password' }));
        ws.close(4003, 'authentication failed');
        return;
      }
      connection = new ApiConnection(ws, check.user, remote, {
        tokenId: check.tokenId,
        maxBufferedBytes: config.maxBufferedBytes,
        traffic,
        onTooSlow: () =>
          log.warn(`api: ${who()} closed: too slow, over ${config.maxBufferedBytes} bytes unsent`),
      });
      this.sessions.add(check.tokenId, ws);
      ws.send(JSON.stringify({ type: 'auth_ok', ha_version: HA_VERSION }));
    });
  }

  private authenticate(data: RawData, isBinary: boolean, address: string): TokenCheck {
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      // Not JSON: answered below like any other bad first message.
    }
    const { type, access_token: token } = (
      typeof message === 'object' && message !== null ? message : {}
    ) as Record<string, unknown>;
    if (type !== 'auth' || typeof token !== 'string') {
      this.hub.log.warn(`api: websocket from ${address} refused: the first message was no auth message`);
      return { error: 'invalid' };
    }
    return this.apiAuth.check(token, address, 'websocket');
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
    if (exceedsDepth(message, MAX_JSON_DEPTH)) {
      connection.sendError(id, 'invalid_format', `Message nested more than ${MAX_JSON_DEPTH} levels deep.`);
      return;
    }
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
