import WebSocket from 'ws';

export type Message = Record<string, unknown> & { id?: number; type: string };

/**
 * A lean Home Assistant WebSocket client for measuring: results are matched by id in a map, and
 * every other message goes to one listener, so the client's own cost stays flat however many
 * events it receives (the tests' HubClient keeps them all, which a benchmark cannot afford).
 */
export class BenchClient {
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  private listener: (message: Message) => void = () => {};

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const parsed = JSON.parse(data.toString()) as Message | Message[];
      if (Array.isArray(parsed)) for (const message of parsed) this.dispatch(message);
      else this.dispatch(parsed);
    });
  }

  /** Connects and authenticates; with `coalesce`, asks for `coalesce_messages` as the panel does. */
  static async connect(
    url: string,
    token: string,
    options: { coalesce?: boolean } = {},
  ): Promise<BenchClient> {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const first = new Promise<void>((resolve, reject) => {
      socket.once('message', () => resolve());
      socket.once('error', reject);
    });
    await first;
    socket.send(JSON.stringify({ type: 'auth', access_token: token }));
    await new Promise<void>((resolve, reject) => {
      socket.once('message', (data) => {
        const answer = JSON.parse(data.toString()) as Message;
        if (answer.type === 'auth_ok') resolve();
        else reject(new Error(`auth failed: ${data.toString()}`));
      });
    });
    const client = new BenchClient(socket);
    if (options.coalesce)
      await client.call({ type: 'supported_features', features: { coalesce_messages: 1 } });
    return client;
  }

  /** Everything that is not the result of a `call`. */
  onMessage(listener: (message: Message) => void): void {
    this.listener = listener;
  }

  /** Sends a command; resolves with its result, failed or not. */
  call(message: Omit<Message, 'id'>): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ ...message, id }));
    });
  }

  /** Sends a command and returns its id, leaving its result to `onMessage`. */
  send(message: Omit<Message, 'id'>): number {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ ...message, id }));
    return id;
  }

  close(): void {
    this.socket.close();
  }

  private dispatch(message: Message): void {
    if (message.type === 'result' && message.id !== undefined) {
      const resolve = this.pending.get(message.id);
      if (resolve) {
        this.pending.delete(message.id);
        resolve(message);
        return;
      }
    }
    this.listener(message);
  }
}
