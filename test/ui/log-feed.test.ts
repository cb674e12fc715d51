import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../hub/protocol/log-lines.ts';
import type { Subscribe } from '../../ui/src/connection/hub-connection.ts';
import { createLogFeed, PANEL_LOG_LINES } from '../../ui/src/settings/log-feed.ts';

const line = (msg: string): LogLine => ({
  time: '2026-01-01T10:00:00.000Z',
  level: 'info',
  module: 'api',
  msg,
});

/** A subscribe that records what was asked and lets the test play the hub's events. */
function fakeSubscribe() {
  const asked: Record<string, unknown>[] = [];
  let emit: (event: unknown) => void = () => {};
  let ended = 0;
  const subscribe: Subscribe = (message, onEvent) => {
    asked.push(message);
    emit = onEvent;
    return {
      result: Promise.resolve(null),
      unsubscribe: () => {
        ended++;
      },
    };
  };
  return { subscribe, asked, emit: (event: unknown) => emit(event), ended: () => ended };
}

describe('the log feed', () => {
  it("shows the hub's scrollback, then appends live lines, skipping malformed ones", () => {
    const hub = fakeSubscribe();
    const feed = createLogFeed(hub.subscribe);
    feed.start();
    expect(hub.asked).toEqual([{ type: 'hearth/logs/subscribe', level: 'debug' }]);
    hub.emit({ lines: [line('a'), line('b')] });
    hub.emit({ lines: [line('c'), { msg: 'no time or level' }] });
    hub.emit({ nonsense: true });
    expect(feed.lines.value.map((l) => l.msg)).toEqual(['a', 'b', 'c']);
  });

  it('replaces the lines with the new scrollback when the level changes', () => {
    const hub = fakeSubscribe();
    const feed = createLogFeed(hub.subscribe);
    const stop = feed.start();
    hub.emit({ lines: [line('info line')] });
    stop();
    feed.level.value = 'warn';
    feed.start();
    expect(hub.ended()).toBe(1);
    expect(hub.asked.at(-1)).toEqual({ type: 'hearth/logs/subscribe', level: 'warn' });
    hub.emit({ lines: [{ ...line('careful'), level: 'warn' }] });
    expect(feed.lines.value.map((l) => l.msg)).toEqual(['careful']);
  });

  it(`keeps at most ${PANEL_LOG_LINES} lines, dropping the oldest, each with its own key`, () => {
    const hub = fakeSubscribe();
    const feed = createLogFeed(hub.subscribe);
    feed.start();
    hub.emit({ lines: [] });
    for (let i = 0; i < PANEL_LOG_LINES + 20; i++) hub.emit({ lines: [line(String(i))] });
    const lines = feed.lines.value;
    expect(lines).toHaveLength(PANEL_LOG_LINES);
    expect(lines[0]?.msg).toBe('20');
    expect(new Set(lines.map((l) => l.seq)).size).toBe(PANEL_LOG_LINES);
  });
});
