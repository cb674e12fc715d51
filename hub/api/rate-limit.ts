import type { RawData, WebSocket } from 'ws';
import type { Logger } from '../core/logger.ts';
import type { ApiConnection } from './api-connection.ts';

/**
 * A token bucket: `burst` tokens, refilled at `perSecond`; each message takes one. It lets a panel
 * send its burst of subscriptions on connect and then a steady stream, and no more.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** RFC 6455 §7.4.1: 1008, the endpoint received a message that violates its policy. */
export const CLOSE_POLICY_VIOLATION = 1008;

/**
 * A WebSocket connection's rate limit: a message over the limit is answered `rate_limited` (with
 * its id, so the client's call fails rather than hangs) and dropped; a client that goes on sending
 * `burst` more while refused is not slowing down, and is closed (1008). Logged once per connection.
 */
export class MessageRateLimit {
  private readonly bucket: TokenBucket;
  private refusedInARow = 0;
  private logged = false;

  constructor(
    private readonly limits: { messagesPerSecond: number; messageBurst: number },
    private readonly log: Logger,
    private readonly who: () => string,
    now?: () => number,
  ) {
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, now);
  }

  /** True when the message may be handled; otherwise it has been answered, or the socket closed. */
  admit(connection: ApiConnection, data: RawData, socket: Pick<WebSocket, 'close'>): boolean {
    if (this.bucket.take()) {
      this.refusedInARow = 0;
      return true;
    }
    this.refusedInARow += 1;
    if (this.refusedInARow > this.limits.messageBurst) {
      this.log.warn(`api: ${this.who()} closed: rate limit exceeded`);
      socket.close(CLOSE_POLICY_VIOLATION, 'rate limit exceeded');
      return false;
    }
    if (!this.logged) {
      this.logged = true;
      this.log.warn(
        `api: ${this.who()} over the rate limit of ${this.limits.messagesPerSecond} messages a second`,
      );
    }
    connection.sendError(
      idOf(data),
      'rate_limited',
      `Too many messages: at most ${this.limits.messagesPerSecond} a second.`,
    );
    return false;
  }
}

function idOf(data: RawData): number | null {
  try {
    const message = JSON.parse(data.toString()) as { id?: unknown } | null;
    return typeof message?.id === 'number' && Number.isSafeInteger(message.id) ? message.id : null;
  } catch {
    return null;
  }
}
