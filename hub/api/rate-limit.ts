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

  /** Takes a token; `full` says whether the bucket was full before, after a quiet spell. */
  take(): { taken: boolean; full: boolean } {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    const full = this.tokens >= this.burst;
    if (this.tokens < 1) return { taken: false, full };
    this.tokens -= 1;
    return { taken: true, full };
  }
}

/** RFC 6455 §7.4.1: 1008, the endpoint received a message that violates its policy. */
export const CLOSE_POLICY_VIOLATION = 1008;

/**
 * A WebSocket connection's rate limit: a message over the limit is answered `rate_limited` (with
 * its id, so the client's call fails rather than hangs) and dropped. A client refused `burst`
 * times without once going quiet long enough for its bucket to fill up again is not slowing down,
 * and is closed (1008). Logged once per connection.
 */
export class MessageRateLimit {
  private readonly bucket: TokenBucket;
  private refused = 0;
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
    // Closed for flooding: what is still on its way is dropped unread.
    if (this.refused > this.limits.messageBurst) return false;
    const { taken, full } = this.bucket.take();
    if (full) this.refused = 0;
    if (taken) return true;
    this.refused += 1;
    if (this.refused > this.limits.messageBurst) {
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

/** The id of a refused message, from its start (`{"id":12,…`, as clients write them), or by parsing a small one. */
function idOf(data: RawData): number | null {
  const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  const leading = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(buffer.subarray(0, 64).toString('latin1'));
  if (leading) return Number(leading[1]);
  if (buffer.length > 4096) return null;
  try {
    const message = JSON.parse(buffer.toString()) as { id?: unknown } | null;
    return typeof message?.id === 'number' && Number.isSafeInteger(message.id) ? message.id : null;
  } catch {
    return null;
  }
}
