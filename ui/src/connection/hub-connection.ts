/**
 * The one module that owns the WebSocket: Home Assistant's WebSocket API
 * (https://developers.home-assistant.io/docs/api/websocket) as hearth serves it at /api/websocket.
 * It authenticates, subscribes, keeps the link alive with pings, reconnects with backoff and, on
 * every reconnect, resyncs the store from a fresh snapshot.
 */
import type { EntitiesEvent } from '../../../hub/protocol/compressed-state.ts';
import { MQTT_STATUS_SUBSCRIBE, parseMqttStatus } from '../../../hub/protocol/mqtt-status.ts';
import type { ErrorBody } from '../../../hub/protocol/websocket-messages.ts';
import type { HubStore, ServiceCall } from '../store/hub-store.ts';
import { parseAreas, parseDevices, parseEntityEntries } from '../store/registry.ts';
import { HubError } from './hub-error.ts';

/** The part of the browser's WebSocket this module uses, so tests can hand in a fake. */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketConstructor = new (url: string) => SocketLike;

/** Where the connection puts what the hub says. */
export type HubSink = Pick<
  HubStore,
  'setStatus' | 'replaceEntities' | 'applyEntities' | 'setRegistries' | 'setMqttStatus'
>;

export interface HubConnectionOptions {
  /** `ws(s)://<host>/api/websocket`. */
  url: string;
  sink: HubSink;
  /** Default: the browser's `WebSocket`. */
  WebSocket?: SocketConstructor;
  onAuthOk?: () => void;
  /** The hub rejected the token; the connection has stopped and will not retry. */
  onAuthInvalid?: (message: string) => void;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Time between pings, in ms. Default 20000. */
  heartbeatIntervalMs?: number;
  /** A ping unanswered this long means the link is dead, in ms. Default 10000. */
  heartbeatTimeoutMs?: number;
  /** First reconnect delay, doubled per failed attempt, in ms. Default 500. */
  minRetryMs?: number;
  /** Longest reconnect delay, in ms. Default 10000. */
  maxRetryMs?: number;
}

/** An access token, or where to get a fresh one for each `auth` (a login's expire after 30 minutes). */
export type TokenSource = string | (() => Promise<string>);

export interface HubConnection {
  /** Connects with this token, and keeps reconnecting until `stop()` or `auth_invalid`. */
  start(token: TokenSource): void;
  stop(): void;
  /** Skips the backoff wait (the browser came back online, the tab became visible). */
  reconnectNow(): void;
  /** Resolves when the hub confirms; rejects with a `HubError`. */
  callService(call: ServiceCall): Promise<unknown>;
  /** Any other command (`auth/refresh_tokens`, `history/history_during_period`…): resolves with its result; rejects with a `HubError`. */
  command(message: { type: string } & Message): Promise<unknown>;
  /** A subscription command (`hearth/health/subscribe`…): its events go to `onEvent` until it is ended or the connection drops. */
  subscribe: Subscribe;
}

/** A live subscription; `result` settles with the hub's answer to the subscribe command. */
export interface Subscription {
  result: Promise<unknown>;
  /** Ends it, telling the hub (`unsubscribe_events`) if the connection still holds it. */
  unsubscribe(): void;
}
export type Subscribe = (
  message: { type: string } & Message,
  onEvent: (event: unknown) => void,
) => Subscription;

/** The registry events every panel listens to, so an edit in one reaches all. */
const REGISTRY_EVENTS = ['area_registry_updated', 'device_registry_updated', 'entity_registry_updated'];

interface Waiter {
  resolve(value: unknown): void;
  reject(error: HubError): void;
}

type Timer = ReturnType<typeof setTimeout>;
type Message = Record<string, unknown>;

/** Sends one command to the hub and resolves with its result (the store and settings use it). */
export type Command = (message: { type: string } & Message) => Promise<unknown>;

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const ignore = (): void => {};

export function createHubConnection(options: HubConnectionOptions): HubConnection {
  const { url, sink } = options;
  const Socket: SocketConstructor = options.WebSocket ?? globalThis.WebSocket;
  const random = options.random ?? Math.random;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 20_000;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 10_000;
  const minRetryMs = options.minRetryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 10_000;

  let token: TokenSource | null = null;
  let socket: SocketLike | null = null;
  let stopped = true;
  let authenticated = false;
  let attempt = 0;
  let nextId = 1;
  let entitiesSubscription = -1;
  let registrySubscriptions = new Set<number>();
  let mqttStatusSubscription = -1;
  let awaitingSnapshot = false;
  const inflight = new Map<number, Waiter>();
  /** The subscriptions made through `subscribe`, by id; a connection's ids die with it. */
  const listeners = new Map<number, (event: unknown) => void>();
  let retryTimer: Timer | undefined;
  let heartbeatTimer: Timer | undefined;
  let pongTimer: Timer | undefined;
  let registryTimer: Timer | undefined;

  function connect(): void {
    retryTimer = undefined;
    sink.setStatus('connecting');
    let ws: SocketLike;
    try {
      ws = new Socket(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    authenticated = false;
    nextId = 1;
    ws.onmessage = (event) => {
      if (socket === ws) receive(event.data);
    };
    ws.onclose = () => {
      if (socket === ws) drop();
    };
    // Every error is followed by a close event, which is where reconnecting happens.
    ws.onerror = ignore;
  }

  /** Forgets the socket, fails what it still owed, and reconnects unless stopped. */
  function drop(): void {
    const ws = socket;
    socket = null;
    authenticated = false;
    for (const timer of [heartbeatTimer, pongTimer, registryTimer]) clearTimeout(timer);
    heartbeatTimer = pongTimer = registryTimer = undefined;
    if (ws) {
      ws.onmessage = ws.onclose = ws.onerror = ws.onopen = null;
      try {
        ws.close();
      } catch {
        // Already closed: nothing to release.
      }
    }
    const waiters = [...inflight.values()];
    inflight.clear();
    listeners.clear();
    const lost = new HubError('connection_lost', 'The connection to the hub was lost');
    for (const waiter of waiters) waiter.reject(lost);
    sink.setStatus('disconnected');
    if (!stopped) scheduleReconnect();
  }

  function scheduleReconnect(): void {
    const base = Math.min(maxRetryMs, minRetryMs * 2 ** attempt);
    attempt += 1;
    // ±20 % jitter, so panels that lost the hub together do not all come back in the same instant.
    retryTimer = setTimeout(connect, Math.min(maxRetryMs, base * (0.8 + 0.4 * random())));
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    // After `coalesce_messages` the hub may batch several messages into one JSON array.
    const messages = Array.isArray(parsed) ? parsed : [parsed];
    for (const message of messages) {
      try {
        if (isMessage(message)) handle(message);
      } catch (error) {
        // One malformed message must not take the others in the frame down with it.
        console.error('hearth: bad message from the hub', error, message);
      }
    }
  }

  function handle(message: Message): void {
    switch (message.type) {
      case 'auth_required': {
        const ws = socket;
        if (token === null || ws === null) return;
        if (typeof token === 'string') {
          ws.send(JSON.stringify({ type: 'auth', access_token: token }));
          return;
        }
        // A token that cannot be had now (the hub is unreachable for a refresh) is tried again on
        // the next connection; one refused for good has stopped the session meanwhile.
        token().then(
          (value) => {
            if (socket === ws) ws.send(JSON.stringify({ type: 'auth', access_token: value }));
          },
          () => {
            if (socket === ws) drop();
          },
        );
        return;
      }
      case 'auth_ok':
        authenticated = true;
        attempt = 0;
        sink.setStatus('connected');
        resync();
        scheduleHeartbeat();
        options.onAuthOk?.();
        return;
      case 'auth_invalid':
        // The hub closes the socket after this; retrying the same token would only be refused again.
        stopped = true;
        drop();
        options.onAuthInvalid?.(
          typeof message.message === 'string' ? message.message : 'Invalid access token',
        );
        return;
      case 'result':
      case 'pong':
        settle(message);
        return;
      case 'event':
        if (message.id === entitiesSubscription && isMessage(message.event)) {
          onEntities(message.event as EntitiesEvent);
        } else if (typeof message.id === 'number' && registrySubscriptions.has(message.id)) {
          // An edit, here or in another panel: refetch the lists once the burst is over.
          scheduleRegistryRefresh(300);
        } else if (message.id === mqttStatusSubscription) {
          const status = parseMqttStatus(message.event);
          if (status) sink.setMqttStatus(status);
        } else if (typeof message.id === 'number') {
          listeners.get(message.id)?.(message.event);
        }
        return;
    }
  }

  function settle(message: Message): void {
    const id = message.id;
    if (typeof id !== 'number') return;
    const waiter = inflight.get(id);
    if (!waiter) return;
    inflight.delete(id);
    if (message.type === 'pong' || message.success === true) {
      waiter.resolve(message.result);
      return;
    }
    const error = isMessage(message.error) ? (message.error as Partial<ErrorBody>) : {};
    waiter.reject(new HubError(error.code ?? 'unknown_error', error.message ?? 'The hub reported an error'));
  }

  /** Sends a command with the next id; the promise settles with its result. */
  function request(payload: Message): { id: number; result: Promise<unknown> } {
    const ws = socket;
    if (!ws || !authenticated) {
      return { id: -1, result: Promise.reject(new HubError('not_connected', 'Not connected to the hub')) };
    }
    const id = nextId++;
    const result = new Promise<unknown>((resolve, reject) => inflight.set(id, { resolve, reject }));
    ws.send(JSON.stringify({ id, ...payload }));
    return { id, result };
  }

  /** Everything a fresh connection needs; the snapshot that follows replaces the old state. */
  function resync(): void {
    // Home Assistant reads `supported_features` only as the first command, id 1.
    request({ type: 'supported_features', features: { coalesce_messages: 1 } }).result.catch(ignore);
    const subscription = request({ type: 'subscribe_entities' });
    entitiesSubscription = subscription.id;
    awaitingSnapshot = true;
    subscription.result.catch((error: unknown) => {
      // A dropped connection resubscribes on its own; anything else is a hub that cannot serve us.
      if (!(error instanceof HubError && error.code === 'connection_lost')) {
        console.error('hearth: subscribe_entities failed', error);
      }
    });
    refreshRegistries();
    registrySubscriptions = new Set(
      REGISTRY_EVENTS.map((eventType) => {
        const subscription = request({ type: 'subscribe_events', event_type: eventType });
        subscription.result.catch(ignore);
        return subscription.id;
      }),
    );
    // The hub's link to its broker, for the outage banner; a hub without it just answers an error.
    const mqttStatus = request({ type: MQTT_STATUS_SUBSCRIBE });
    mqttStatusSubscription = mqttStatus.id;
    mqttStatus.result.catch(ignore);
  }

  function scheduleRegistryRefresh(delayMs: number): void {
    if (registryTimer === undefined) registryTimer = setTimeout(refreshRegistries, delayMs);
  }

  function refreshRegistries(): void {
    registryTimer = undefined;
    Promise.all([
      request({ type: 'config/area_registry/list' }).result,
      request({ type: 'config/device_registry/list' }).result,
      request({ type: 'config/entity_registry/list' }).result,
    ]).then(
      ([areas, devices, entities]) =>
        sink.setRegistries({
          areas: parseAreas(areas),
          devices: parseDevices(devices),
          entities: parseEntityEntries(entities),
        }),
      // A dropped connection refetches on resync; keep the registries we have meanwhile.
      ignore,
    );
  }

  function onEntities(event: EntitiesEvent): void {
    if (awaitingSnapshot) {
      awaitingSnapshot = false;
      sink.replaceEntities(event.a ?? {});
      if (event.c || event.r) sink.applyEntities({ c: event.c, r: event.r });
      return;
    }
    sink.applyEntities(event);
    // A new or removed entity may come with a new device or area: refetch them, once per burst.
    if (event.a || event.r) scheduleRegistryRefresh(1000);
  }

  function scheduleHeartbeat(): void {
    heartbeatTimer = setTimeout(() => {
      heartbeatTimer = undefined;
      const ws = socket;
      // A half-open TCP link never closes by itself; a missing pong is the only sign it is dead.
      pongTimer = setTimeout(() => {
        if (socket === ws) drop();
      }, heartbeatTimeoutMs);
      request({ type: 'ping' }).result.then(() => {
        clearTimeout(pongTimer);
        pongTimer = undefined;
        if (socket === ws) scheduleHeartbeat();
      }, ignore);
    }, heartbeatIntervalMs);
  }

  return {
    start(newToken) {
      stopped = true;
      if (socket) drop();
      clearTimeout(retryTimer);
      token = newToken;
      stopped = false;
      attempt = 0;
      connect();
    },
    stop() {
      stopped = true;
      token = null;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      drop();
    },
    reconnectNow() {
      if (stopped || socket) return;
      clearTimeout(retryTimer);
      attempt = 0;
      connect();
    },
    callService(call) {
      return request({ type: 'call_service', ...call }).result;
    },
    command(message) {
      return request(message).result;
    },
    subscribe(message, onEvent) {
      const { id, result } = request(message);
      const ws = socket;
      // After a reconnect the same id may be another subscription's: only this one's own entry goes.
      const forget = (): boolean => socket === ws && listeners.get(id) === onEvent && listeners.delete(id);
      if (id !== -1) listeners.set(id, onEvent);
      result.catch(forget);
      return {
        result,
        unsubscribe() {
          if (forget()) request({ type: 'unsubscribe_events', subscription: id }).result.catch(ignore);
        },
      };
    },
  };
}
