import WebSocket from 'ws';

type Message = Record<string, unknown> & { id?: number; type: string };

/**
 * A bare Home Assistant WebSocket API client for tests: it speaks the protocol by hand, so the
 * tests see exactly what goes over the wire.
 */
export class HubClient {
  readonly messages: Message[] = [];
  private nextId = 1;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const parsed = JSON.parse(data.toString()) as Message | Message[];
      for (const message of Array.isArray(parsed) ? parsed : [parsed]) this.messages.push(message);
      for (const waiter of this.waiters) waiter();
    });
  }

  /** Connects and completes the auth phase; rejects with the `auth_invalid` message otherwise. */
  static async connect(url: string, token: string, options: { origin?: string } = {}): Promise<HubClient> {
    const client = await HubClient.open(url, options);
    const required = await client.next((m) => m.type === 'auth_required');
    if (typeof required.ha_version !== 'string') throw new Error('auth_required without ha_version');
    client.socket.send(JSON.stringify({ type: 'auth', access_token: token }));
    const answer = await client.next((m) => m.type === 'auth_ok' || m.type === 'auth_invalid');
    if (answer.type !== 'auth_ok') throw new Error(`auth failed: ${JSON.stringify(answer)}`);
    return client;
  }

  /** Opens the socket without authenticating. */
  static open(url: string, options: { origin?: string } = {}): Promise<HubClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options.origin ? { origin: options.origin } : {});
      const client = new HubClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  /** Sends a command with the next id; resolves with its result message (success or not). */
  async command(message: Omit<Message, 'id'>): Promise<Message> {
    const id = this.nextId++;
    this.sendRaw(JSON.stringify({ ...message, id }));
    return this.next((m) => m.id === id && (m.type === 'result' || m.type === 'pong'));
  }

  /** Sends a command and returns its id, without waiting. */
  sendCommand(message: Omit<Message, 'id'>): number {
    const id = this.nextId++;
    this.sendRaw(JSON.stringify({ ...message, id }));
    return id;
  }

  sendRaw(data: string): void {
    this.socket.send(data);
  }

  /** The first message (already received or still to come) that matches and was not taken yet. */
  next(predicate: (m: Message) => boolean, timeoutMs = 10_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const index = this.messages.findIndex(predicate);
        if (index === -1) return false;
        const [message] = this.messages.splice(index, 1);
        done();
        resolve(message as Message);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `no matching message within ${timeoutMs} ms; have: ${JSON.stringify(this.messages).slice(0, 2000)}`,
          ),
        );
      }, timeoutMs);
      const onClose = () => {
        if (check()) return;
        done();
        reject(new Error('socket closed before a matching message arrived'));
      };
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        this.socket.off('close', onClose);
      };
      if (check()) return;
      this.waiters.add(check);
      this.socket.once('close', onClose);
    });
  }

  /** Resolves when the server closes the socket, with the close code. */
  closed(): Promise<number> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve(1006);
    return new Promise((resolve) => this.socket.once('close', (code) => resolve(code)));
  }

  close(): void {
    this.socket.close();
  }
}
