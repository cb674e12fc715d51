import { describe, expect, it, vi } from 'vitest';
import type { ApiConnection } from '../../../hub/api/api-connection.ts';
import { MessageRateLimit, TokenBucket } from '../../../hub/api/rate-limit.ts';
import { type Logger, silentLogger } from '../../../hub/core/logger.ts';

describe('token bucket', () => {
  it('gives a burst at once, then tokens at the sustained rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    const take = () => bucket.take().taken;
    expect([take(), take(), take(), take()]).toEqual([true, true, true, false]);
    now += 99;
    expect(take()).toBe(false);
    now += 1;
    expect(bucket.take()).toEqual({ taken: true, full: false });
    // A long quiet spell refills the burst, no more.
    now += 60_000;
    expect(bucket.take()).toEqual({ taken: true, full: true });
    expect([take(), take(), take()]).toEqual([true, true, false]);
  });
});

describe('message rate limit', () => {
  function limited(limits = { messagesPerSecond: 2, messageBurst: 3 }) {
    let now = 0;
    const warnings: string[] = [];
    const log: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
    const errors: unknown[][] = [];
    const connection = { sendError: (...args: unknown[]) => errors.push(args) } as unknown as ApiConnection;
    const socket = { close: vi.fn() };
    const limit = new MessageRateLimit(
      limits,
      log,
      () => '127.0.0.1:5000 (ada)',
      () => now,
    );
    const send = (text: string) => limit.admit(connection, Buffer.from(text), socket);
    return { send, errors, warnings, socket, advance: (ms: number) => (now += ms) };
  }

  it('answers a message over the limit rate_limited, with its id, and logs that once', () => {
    const { send, errors, warnings, socket } = limited();
    expect([1, 2, 3].map((id) => send(`{"id":${id},"type":"ping"}`))).toEqual([true, true, true]);
    expect(send('{"id":4,"type":"ping"}')).toBe(false);
    expect(send('not json')).toBe(false);
    expect(errors).toEqual([
      [4, 'rate_limited', 'Too many messages: at most 2 a second.'],
      [null, 'rate_limited', 'Too many messages: at most 2 a second.'],
    ]);
    expect(warnings).toEqual(['api: 127.0.0.1:5000 (ada) over the rate limit of 2 messages a second']);
    expect(socket.close).not.toHaveBeenCalled();
  });

  it('lets a client that slowed down go on', () => {
    const { send, advance, socket } = limited();
    for (let id = 1; id <= 5; id++) send(`{"id":${id},"type":"ping"}`);
    advance(500);
    expect(send('{"id":6,"type":"ping"}')).toBe(true);
    expect(socket.close).not.toHaveBeenCalled();
  });

  it('closes with 1008 a client that keeps over the limit, even when a message gets through now and then', () => {
    const { send, advance, socket } = limited();
    for (let id = 1; id <= 3; id++) send(`{"id":${id},"type":"ping"}`);
    for (let id = 4; id <= 20 && !socket.close.mock.calls.length; id++) {
      advance(100);
      send(`{"id":${id},"type":"ping"}`);
      send(`{"id":${id},"type":"ping"}`);
      send(`{"id":${id},"type":"ping"}`);
    }
    expect(socket.close).toHaveBeenCalledWith(1008, 'rate limit exceeded');
  });

  it('forgives a client once its bucket has filled up again', () => {
    const { send, advance, socket } = limited();
    for (let id = 1; id <= 6; id++) send(`{"id":${id},"type":"ping"}`);
    advance(1500);
    for (let id = 7; id <= 12; id++) send(`{"id":${id},"type":"ping"}`);
    expect(socket.close).not.toHaveBeenCalled();
  });

  it('closes with 1008 a client that goes on sending a burst’s worth while refused', () => {
    const { send, errors, warnings, socket } = limited();
    for (let id = 1; id <= 3 + 3; id++) send(`{"id":${id},"type":"ping"}`);
    expect(socket.close).not.toHaveBeenCalled();
    expect(send('{"id":7,"type":"ping"}')).toBe(false);
    expect(socket.close).toHaveBeenCalledWith(1008, 'rate limit exceeded');
    expect(errors).toHaveLength(3);
    expect(warnings.at(-1)).toBe('api: 127.0.0.1:5000 (ada) closed: rate limit exceeded');
  });
});
