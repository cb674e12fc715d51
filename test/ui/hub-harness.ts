import { vi } from 'vitest';
import type { CompressedState } from '../../hub/protocol/compressed-state.ts';
import { createHubConnection } from '../../ui/src/connection/hub-connection.ts';
import type { EntitySlot, HubStoreOptions } from '../../ui/src/store/hub-store.ts';
import { createHubStore } from '../../ui/src/store/hub-store.ts';
import { fakeWebSocket } from './fake-socket.ts';

type Json = Record<string, unknown>;

/** Lets the promise chains of an answer (connection → store) run to the end. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/**
 * The panel's store wired to its connection, over the fake socket, after auth and the first
 * snapshot: what a card's action sends is what the hub would receive.
 */
export function connectedHub(snapshot: Record<string, CompressedState>, options: HubStoreOptions = {}) {
  const server = fakeWebSocket();
  const mark = vi.fn<(name: string) => void>();
  const store = createHubStore(
    { callService: (call) => connection.callService(call), signIn: vi.fn(), signOut: vi.fn() },
    { mark, ...options },
  );
  const connection = createHubConnection({
    url: 'ws://hub.test/api/websocket',
    sink: store,
    WebSocket: server.WebSocket,
    random: () => 0.5,
  });
  connection.start('token');
  const socket = server.latest();
  socket.authenticate();
  const subscription = socket.idOf('subscribe_entities');
  socket.receive({ id: subscription, type: 'event', event: { a: snapshot } });

  const callMessages = () => socket.sent.filter((message) => message.type === 'call_service');

  return {
    store,
    socket,
    mark,
    slot(entityId: string): EntitySlot {
      const slot = store.entities.value.get(entityId);
      if (!slot) throw new Error(`no ${entityId}`);
      return slot;
    },
    /** The `call_service` commands sent, as `{domain, service, service_data?, target}`. */
    calls(): Json[] {
      return callMessages().map(({ id: _id, type: _type, ...call }) => call);
    },
    lastCall(): Json {
      const call = this.calls().at(-1);
      if (!call) throw new Error('no call_service sent');
      return call;
    },
    /** hearth's confirmation: the device's state change first, then the result of the call. */
    async confirm(entityId: string, diff: Partial<CompressedState>, callIndex = -1): Promise<void> {
      const call = callMessages().at(callIndex);
      socket.receive([
        { id: subscription, type: 'event', event: { c: { [entityId]: { '+': diff } } } },
        { id: call?.id, type: 'result', success: true, result: { context: { id: 'ctx' } } },
      ]);
      await flush();
    },
    /** The hub refused the call, or the device never confirmed it. */
    async fail(code: string, message: string, callIndex = -1): Promise<void> {
      const call = callMessages().at(callIndex);
      socket.receive({ id: call?.id, type: 'result', success: false, error: { code, message } });
      await flush();
    },
  };
}
