import type { WebSocket } from 'ws';
import type { User } from '../auth/auth-store.ts';
import type { Traffic } from '../core/hub-metrics.ts';
import type { ErrorCode } from '../protocol/websocket-messages.ts';
import { coalescedBatch } from './coalesced-batch.ts';
import { EventFrame } from './event-frame.ts';

/** A slow client is cut off rather than allowed to grow the hub's memory without bound. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** A Buffer is sent as is; `binary: false` keeps it a text frame, as the protocol's JSON is. */
const TEXT_FRAME = { binary: false } as const;

export interface ApiConnectionOptions {
  /** The token it authenticated with: its refresh token's id for a login. */
  tokenId?: string;
  /** Unsent bytes past which the client is closed as too slow (1013); it reconnects and resyncs. */
  maxBufferedBytes?: number;
  onTooSlow?: () => void;
  /** Counts each frame sent, for `/metrics`. */
  traffic?: Traffic;
}

/**
 * One authenticated WebSocket client: what it subscribed to, and its outgoing queue. Messages are
 * serialized by the caller (events once for all subscribers, `EventFrame`); with
 * `coalesce_messages` they are batched per I/O turn into one JSON array frame, as Home
 * Assistant's frontend asks for.
 */
export class ApiConnection {
  lastId = 0;
  coalesce = false;
  readonly subscriptions = new Map<number, () => void>();
  private queue: string[] = [];
  private flushScheduled = false;
  private readonly flushQueue = () => this.flush();

  constructor(
    private readonly socket: WebSocket,
    readonly user: User,
    readonly remote: string,
    private readonly options: ApiConnectionOptions = {},
  ) {}

  get tokenId(): string | undefined {
    return this.options.tokenId;
  }

  send(json: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.coalesce) this.enqueue(json);
    else this.write(json);
  }

  sendResult(id: number, result: unknown): void {
    this.send(`{"id":${id},"type":"result","success":true,"result":${JSON.stringify(result ?? null)}}`);
  }

  sendError(id: number | null, code: ErrorCode, message: string): void {
    this.send(JSON.stringify({ id, type: 'result', success: false, error: { code, message } }));
  }

  /** An event for subscription `id`. */
  sendEvent(id: number, eventJson: string): void {
    this.sendFrame(EventFrame.of(id, eventJson));
  }

  /** An event message the fan-out framed and encoded once for every subscriber. */
  sendFrame(frame: EventFrame): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.coalesce) this.enqueue(frame.text);
    else this.write(frame.bytes);
  }

  close(): void {
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
    this.queue = [];
  }

  private enqueue(json: string): void {
    this.queue.push(json);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flushQueue);
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const queue = this.queue;
    this.queue = [];
    if (queue.length === 0 || this.socket.readyState !== this.socket.OPEN) return;
    this.write(coalescedBatch(queue));
  }

  private write(data: string | Buffer): void {
    if (this.socket.bufferedAmount > (this.options.maxBufferedBytes ?? MAX_BUFFERED_BYTES)) {
      this.options.onTooSlow?.();
      this.socket.close(1013, 'client too slow');
      return;
    }
    this.socket.send(data, TEXT_FRAME);
    if (this.options.traffic) this.options.traffic.websocketMessagesOut++;
  }
}
