import type { SocketConstructor, SocketLike } from '../../ui/src/connection/hub-connection.ts';

type Json = Record<string, unknown>;

/** The browser side of a WebSocket, driven by the test as if it were the hub. */
export class FakeSocket implements SocketLike {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly sent: Json[] = [];
  closed = false;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Json);
  }

  close(): void {
    this.closed = true;
  }

  /** A frame from the hub: one message, or an array of them (`coalesce_messages`). */
  receive(frame: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  /** The hub or the network closed the socket. */
  drop(): void {
    this.closed = true;
    this.onclose?.(new Event('close') as CloseEvent);
  }

  lastSent(): Json {
    const message = this.sent.at(-1);
    if (!message) throw new Error('nothing sent');
    return message;
  }

  /** The hub's side of the auth phase; returns the messages the client sent after `auth_ok`. */
  authenticate(): Json[] {
    this.receive({ type: 'auth_required', ha_version: '2025.1.0' });
    this.receive({ type: 'auth_ok', ha_version: '2025.1.0' });
    return this.sent.slice(1);
  }

  /** The id of the client's command of this type. */
  idOf(type: string): number {
    const message = this.sent.find((sent) => sent.type === type);
    if (!message || typeof message.id !== 'number') throw new Error(`no ${type} sent`);
    return message.id;
  }
}

/** A WebSocket constructor that records every socket it opens. */
export function fakeWebSocket(): {
  WebSocket: SocketConstructor;
  sockets: FakeSocket[];
  latest(): FakeSocket;
} {
  const sockets: FakeSocket[] = [];
  class Recorded extends FakeSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return {
    WebSocket: Recorded,
    sockets,
    latest() {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket opened');
      return socket;
    },
  };
}
