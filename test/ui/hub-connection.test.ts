import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HubConnection } from '../../ui/src/connection/hub-connection.ts';
import { createHubConnection } from '../../ui/src/connection/hub-connection.ts';
import type { HubStore } from '../../ui/src/store/hub-store.ts';
import { createHubStore } from '../../ui/src/store/hub-store.ts';
import { hallTemperature, kitchenLight, state } from './entities.ts';
import { fakeWebSocket } from './fake-socket.ts';

const URL = 'ws://hub.test/api/websocket';
const TOKEN = 'secret-token';

interface Setup {
  store: HubStore;
  connection: HubConnection;
  server: ReturnType<typeof fakeWebSocket>;
  onAuthInvalid: ReturnType<typeof vi.fn<(message: string) => void>>;
  mark: ReturnType<typeof vi.fn<(name: string) => void>>;
}

function setup(): Setup {
  const server = fakeWebSocket();
  const onAuthInvalid = vi.fn<(message: string) => void>();
  const mark = vi.fn<(name: string) => void>();
  const store: HubStore = createHubStore(
    {
      callService: (call) => connection.callService(call),
      signIn: vi.fn(),
      signOut: vi.fn(),
    },
    { mark },
  );
  const connection = createHubConnection({
    url: URL,
    sink: store,
    WebSocket: server.WebSocket,
    onAuthInvalid,
    // Jitter factor exactly 1: delays are the nominal backoff.
    random: () => 0.5,
  });
  return { store, connection, server, onAuthInvalid, mark };
}

/** Starts, authenticates, and sends the hub's first snapshot. */
function connected(snapshot = { 'light.kitchen': kitchenLight, 'sensor.hall_temperature': hallTemperature }) {
  const env = setup();
  env.connection.start(TOKEN);
  const socket = env.server.latest();
  socket.authenticate();
  socket.receive({ id: socket.idOf('subscribe_entities'), type: 'event', event: { a: snapshot } });
  return { ...env, socket };
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('hub connection', () => {
  it('authenticates, declares coalescing first, subscribes and lists the registries', () => {
    const { connection, server, store } = setup();
    connection.start(TOKEN);
    const socket = server.latest();
    expect(socket.url).toBe(URL);
    expect(store.status.value).toBe('connecting');

    socket.receive({ type: 'auth_required', ha_version: '2025.1.0' });
    expect(socket.sent).toEqual([{ type: 'auth', access_token: TOKEN }]);

    socket.receive({ type: 'auth_ok', ha_version: '2025.1.0' });
    expect(store.status.value).toBe('connected');
    expect(socket.sent.slice(1)).toEqual([
      { id: 1, type: 'supported_features', features: { coalesce_messages: 1 } },
      { id: 2, type: 'subscribe_entities' },
      { id: 3, type: 'config/area_registry/list' },
      { id: 4, type: 'config/device_registry/list' },
      { id: 5, type: 'config/entity_registry/list' },
      { id: 6, type: 'subscribe_events', event_type: 'area_registry_updated' },
      { id: 7, type: 'subscribe_events', event_type: 'device_registry_updated' },
      { id: 8, type: 'subscribe_events', event_type: 'entity_registry_updated' },
      { id: 9, type: 'hearth/mqtt_status/subscribe' },
    ]);
  });

  it('refetches the registries once after a burst of registry events, from this panel or another', () => {
    vi.useFakeTimers();
    try {
      const { socket } = connected();
      const before = socket.sent.length;
      socket.receive({ id: 8, type: 'event', event: { event_type: 'entity_registry_updated', data: {} } });
      socket.receive({ id: 6, type: 'event', event: { event_type: 'area_registry_updated', data: {} } });
      vi.advanceTimersByTime(300);
      expect(socket.sent.slice(before).map((m) => m.type)).toEqual([
        'config/area_registry/list',
        'config/device_registry/list',
        'config/entity_registry/list',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('handles a coalesced frame: several messages in one JSON array, in order', async () => {
    const { connection, server, store } = setup();
    connection.start(TOKEN);
    const socket = server.latest();
    socket.authenticate();
    socket.receive([
      { id: 1, type: 'result', success: true, result: null },
      { id: 2, type: 'result', success: true, result: null },
      { id: 2, type: 'event', event: { a: { 'light.kitchen': kitchenLight } } },
      { id: 2, type: 'event', event: { c: { 'light.kitchen': { '+': { s: 'off' } } } } },
      { id: 3, type: 'result', success: true, result: [{ area_id: 'kitchen', name: 'Kitchen' }] },
      { id: 4, type: 'result', success: true, result: [] },
      { id: 5, type: 'result', success: true, result: [{ entity_id: 'light.kitchen', area_id: 'kitchen' }] },
    ]);
    await flush();
    expect(store.entities.value.get('light.kitchen')?.view.value.state).toBe('off');
    expect(store.sections.value.map((g) => g.name)).toEqual(['Kitchen']);
  });

  it("passes the hub's link to its broker to the store, and ignores a malformed status", () => {
    const { socket, store } = connected();
    expect(store.mqttStatus.value).toBeNull();
    const id = socket.idOf('hearth/mqtt_status/subscribe');
    const down = { connected: false, since: '2025-01-01T10:00:00.000Z' };
    socket.receive({ id, type: 'event', event: down });
    expect(store.mqttStatus.value).toEqual(down);
    socket.receive({ id, type: 'event', event: { connected: 'yes' } });
    expect(store.mqttStatus.value).toEqual(down);
  });

  it("hands a subscription's events to its listener, and ends it with unsubscribe_events", () => {
    const { connection, socket } = connected();
    const events: unknown[] = [];
    const subscription = connection.subscribe({ type: 'hearth/health/subscribe' }, (event) =>
      events.push(event),
    );
    const id = socket.idOf('hearth/health/subscribe');
    socket.receive({ id, type: 'result', success: true, result: null });
    socket.receive({ id, type: 'event', event: { reading: 1 } });
    socket.receive({ id, type: 'event', event: { reading: 2 } });
    subscription.unsubscribe();
    socket.receive({ id, type: 'event', event: { reading: 3 } });
    expect(events).toEqual([{ reading: 1 }, { reading: 2 }]);
    expect(socket.sent.at(-1)).toEqual({ id: id + 1, type: 'unsubscribe_events', subscription: id });
    subscription.unsubscribe();
    expect(socket.sent.at(-1)).toMatchObject({ type: 'unsubscribe_events', subscription: id });
    expect(socket.sent.filter((m) => m.type === 'unsubscribe_events')).toHaveLength(1);
  });

  it('forgets subscriptions with the connection that held them: the ids of the next one are new', async () => {
    const { connection, server, socket } = connected();
    const events: unknown[] = [];
    const subscription = connection.subscribe({ type: 'hearth/logs/subscribe' }, (event) =>
      events.push(event),
    );
    socket.drop();
    await expect(subscription.result).rejects.toMatchObject({ code: 'connection_lost' });
    vi.advanceTimersByTime(500);
    const again = server.latest();
    again.authenticate();
    // The same id now belongs to something else on the new connection: nothing reaches the old listener.
    again.receive({ id: socket.idOf('hearth/logs/subscribe'), type: 'event', event: { lines: [] } });
    subscription.unsubscribe();
    expect(events).toEqual([]);
    expect(again.sent.filter((m) => m.type === 'unsubscribe_events')).toEqual([]);
  });

  it('settles a toggle when the hub confirms it', async () => {
    const { socket, store, mark } = connected();
    const kitchen = store.entities.value.get('light.kitchen');
    store.toggle('light.kitchen');
    expect(kitchen?.pending.value).toMatchObject({ state: 'off' });
    const call = socket.lastSent();
    expect(call).toEqual({
      id: 10,
      type: 'call_service',
      domain: 'light',
      service: 'turn_off',
      target: { entity_id: 'light.kitchen' },
    });

    // hearth: the state event first, then the result, once the device has confirmed.
    socket.receive([
      { id: 2, type: 'event', event: { c: { 'light.kitchen': { '+': { s: 'off' } } } } },
      {
        id: 10,
        type: 'result',
        success: true,
        result: { context: { id: 'x', parent_id: null, user_id: null } },
      },
    ]);
    await flush();
    expect(kitchen?.pending.value).toBeNull();
    expect(kitchen?.view.value.state).toBe('off');
    expect(mark.mock.calls.map(([name]) => name)).toEqual([
      'hearth:click:light.kitchen',
      'hearth:confirmed:light.kitchen',
    ]);
  });

  it('reverts a toggle and shows the message when the hub answers device_unavailable', async () => {
    const { socket, store } = connected();
    const kitchen = store.entities.value.get('light.kitchen');
    store.toggle('light.kitchen');
    socket.receive({
      id: socket.idOf('call_service'),
      type: 'result',
      success: false,
      error: { code: 'device_unavailable', message: 'light.kitchen is offline' },
    });
    await flush();
    expect(kitchen?.pending.value).toBeNull();
    expect(kitchen?.view.value.state).toBe('on');
    expect(kitchen?.error.value).toBe('The device is unavailable');
  });

  it('reverts pending calls when the connection drops, then resyncs from a fresh snapshot', async () => {
    const { connection, server, socket, store } = connected();
    const kitchen = store.entities.value.get('light.kitchen');
    store.toggle('light.kitchen');

    socket.drop();
    await flush();
    expect(store.status.value).toBe('disconnected');
    expect(kitchen?.pending.value).toBeNull();
    expect(kitchen?.error.value).toBe('Connection lost before the device confirmed');
    await expect(
      connection.callService({ domain: 'light', service: 'turn_on', target: { entity_id: 'light.kitchen' } }),
    ).rejects.toMatchObject({ code: 'not_connected' });

    vi.advanceTimersByTime(500);
    expect(server.sockets).toHaveLength(2);
    const again = server.latest();
    expect(store.status.value).toBe('connecting');
    const afterAuth = again.authenticate();
    expect(afterAuth[0]).toEqual({ id: 1, type: 'supported_features', features: { coalesce_messages: 1 } });

    // The sensor was removed while we were away; the light changed.
    again.receive({
      id: again.idOf('subscribe_entities'),
      type: 'event',
      event: { a: { 'light.kitchen': state('off', { friendly_name: 'Kitchen light' }) } },
    });
    expect(store.status.value).toBe('connected');
    expect([...store.entities.value.keys()]).toEqual(['light.kitchen']);
    expect(store.entities.value.get('light.kitchen')).toBe(kitchen);
    expect(kitchen?.view.value.state).toBe('off');
  });

  it('backs off 0.5 s, 1 s, 2 s … to at most 10 s, and starts over after a successful login', () => {
    const { connection, server } = setup();
    connection.start(TOKEN);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      server.latest().drop();
      const before = server.sockets.length;
      let waited = 0;
      while (server.sockets.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);

    server.latest().authenticate();
    server.latest().drop();
    vi.advanceTimersByTime(500);
    expect(server.sockets).toHaveLength(9);
  });

  it('adds jitter to the backoff', () => {
    const server = fakeWebSocket();
    const connection = createHubConnection({
      url: URL,
      sink: createHubStore({ callService: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }),
      WebSocket: server.WebSocket,
      random: () => 0,
    });
    connection.start(TOKEN);
    server.latest().drop();
    vi.advanceTimersByTime(399);
    expect(server.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.sockets).toHaveLength(2);
  });

  it('pings every 20 s and keeps a link that answers', async () => {
    const { server, socket } = connected();
    vi.advanceTimersByTime(20_000);
    const ping = socket.lastSent();
    expect(ping).toMatchObject({ type: 'ping' });
    socket.receive({ id: ping.id, type: 'pong' });
    await flush();
    vi.advanceTimersByTime(15_000);
    expect(socket.closed).toBe(false);
    vi.advanceTimersByTime(5_000);
    expect(socket.lastSent()).toMatchObject({ type: 'ping' });
    expect(server.sockets).toHaveLength(1);
  });

  it('treats a ping without a pong in 10 s as a dead link, and reconnects', () => {
    const { server, socket, store } = connected();
    vi.advanceTimersByTime(20_000);
    expect(socket.lastSent()).toMatchObject({ type: 'ping' });
    vi.advanceTimersByTime(10_000);
    expect(socket.closed).toBe(true);
    expect(store.status.value).toBe('disconnected');
    vi.advanceTimersByTime(500);
    expect(server.sockets).toHaveLength(2);
  });

  it('asks a token source for a fresh token at each auth', async () => {
    const { connection, server } = setup();
    const tokens = ['first', 'second'];
    connection.start(async () => tokens.shift() ?? 'none');
    server.latest().receive({ type: 'auth_required', ha_version: '2025.1.0' });
    await flush();
    expect(server.latest().sent).toEqual([{ type: 'auth', access_token: 'first' }]);
    server.latest().drop();
    vi.advanceTimersByTime(500);
    server.latest().receive({ type: 'auth_required', ha_version: '2025.1.0' });
    await flush();
    expect(server.latest().sent).toEqual([{ type: 'auth', access_token: 'second' }]);
  });

  it('drops the socket and retries later when the token source fails (the hub is unreachable for a refresh)', async () => {
    const { connection, server, store } = setup();
    connection.start(() => Promise.reject(new Error('Could not reach the hub')));
    const socket = server.latest();
    socket.receive({ type: 'auth_required', ha_version: '2025.1.0' });
    await flush();
    await flush();
    expect(socket.closed).toBe(true);
    expect(socket.sent).toEqual([]);
    expect(store.status.value).toBe('disconnected');
    vi.advanceTimersByTime(500);
    expect(server.sockets).toHaveLength(2);
  });

  it('stops on auth_invalid and does not retry the same token', () => {
    const { connection, server, onAuthInvalid, store } = setup();
    connection.start('stale');
    const socket = server.latest();
    socket.receive({ type: 'auth_required', ha_version: '2025.1.0' });
    socket.receive({ type: 'auth_invalid', message: 'Invalid access token or password' });
    socket.drop();
    expect(onAuthInvalid).toHaveBeenCalledWith('Invalid access token or password');
    expect(store.status.value).toBe('disconnected');
    vi.advanceTimersByTime(60_000);
    expect(server.sockets).toHaveLength(1);
  });

  it('refetches the registries once after new entities appear', () => {
    const { socket } = connected();
    const sentBefore = socket.sent.length;
    socket.receive({ id: 2, type: 'event', event: { a: { 'switch.new': state('off') } } });
    socket.receive({ id: 2, type: 'event', event: { a: { 'switch.newer': state('off') } } });
    vi.advanceTimersByTime(1000);
    expect(socket.sent.slice(sentBefore).map((m) => m.type)).toEqual([
      'config/area_registry/list',
      'config/device_registry/list',
      'config/entity_registry/list',
    ]);
  });

  it('ignores frames that are not JSON and keeps going', () => {
    const { socket, store } = connected();
    socket.onmessage?.(new MessageEvent('message', { data: 'not json' }));
    socket.receive({ id: 2, type: 'event', event: { r: ['sensor.hall_temperature'] } });
    expect([...store.entities.value.keys()]).toEqual(['light.kitchen']);
  });

  it('closes and stays closed on stop()', () => {
    const { connection, server, socket, store } = connected();
    connection.stop();
    expect(socket.closed).toBe(true);
    expect(store.status.value).toBe('disconnected');
    vi.advanceTimersByTime(60_000);
    expect(server.sockets).toHaveLength(1);
  });
});
