import { describe, expect, it } from 'vitest';
import { LogRing, logLineOf } from '../../../hub/core/log-ring.ts';
import { createLogger } from '../../../hub/core/logger.ts';
import type { LogLine } from '../../../hub/protocol/log-lines.ts';
import { logLine, MAX_LOG_MESSAGE_CHARS } from '../../../hub/protocol/log-lines.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const clock = { now: () => NOW };
const line = (msg: string): LogLine => ({
  time: '2026-01-01T00:00:00.000Z',
  level: 'info',
  module: 'api',
  msg,
});

describe('the log ring', () => {
  it('keeps the last lines up to its capacity, oldest first, overwriting the oldest', () => {
    const ring = new LogRing(clock, 3);
    expect(ring.lines()).toEqual([]);
    for (const msg of ['a', 'b']) ring.push(line(msg));
    expect(ring.lines().map((l) => l.msg)).toEqual(['a', 'b']);
    for (const msg of ['c', 'd', 'e']) ring.push(line(msg));
    expect(ring.lines().map((l) => l.msg)).toEqual(['c', 'd', 'e']);
  });

  it('hands each new line to its listeners until they stop, and a throwing one does not stop the rest', () => {
    const ring = new LogRing(clock, 3);
    const seen: string[] = [];
    ring.onLine(() => {
      throw new Error('broken listener');
    });
    const stop = ring.onLine((l) => seen.push(l.msg));
    ring.push(line('one'));
    stop();
    ring.push(line('two'));
    expect(seen).toEqual(['one']);
    expect(ring.lines()).toHaveLength(2);
  });

  it('is fed by the logger without changing what the logger writes', () => {
    const written: string[] = [];
    const log = createLogger('info', (text) => written.push(text), { format: 'json' });
    const ring = new LogRing(clock);
    const untap = log.onEntry?.((json) => ring.pushEntry(json));
    log.child('discovery').warn('discovery: bad config');
    log.child('discovery').debug('below the level: never written, never kept');
    untap?.();
    log.child('api').info('after the tap is gone');
    expect(written).toHaveLength(2);
    expect(JSON.parse(written[0] as string)).toMatchObject({ level: 'warn', msg: 'discovery: bad config' });
    expect(ring.lines()).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: 'warn',
        module: 'discovery',
        msg: 'discovery: bad config',
      },
    ]);
  });
});

describe('a log entry as a line', () => {
  it.each([
    [
      'a pino entry',
      '{"level":"error","time":"2026-02-03T04:05:06.007Z","module":"mqtt","msg":"mqtt: lost"}',
      { time: '2026-02-03T04:05:06.007Z', level: 'error', module: 'mqtt', msg: 'mqtt: lost' },
    ],
    [
      'an entry of the hub as a whole',
      '{"level":"info","time":"2026-02-03T04:05:06.007Z","msg":"started"}',
      { time: '2026-02-03T04:05:06.007Z', level: 'info', module: null, msg: 'started' },
    ],
    [
      'text that is not JSON',
      'plain words\n',
      { time: '2026-01-01T00:00:00.000Z', level: 'info', module: null, msg: 'plain words' },
    ],
    [
      'an unknown level',
      '{"level":"loud","time":"2026-02-03T04:05:06.007Z","msg":"x"}',
      { time: '2026-02-03T04:05:06.007Z', level: 'info', module: null, msg: 'x' },
    ],
  ])('reads %s', (_, json, expected) => {
    const read = logLineOf(json, NOW);
    expect(read).toEqual(expected);
    expect(logLine.parse(read)).toEqual(read);
  });

  it('cuts a message and a module name that are too long, so a line is bounded', () => {
    const json = JSON.stringify({
      level: 'info',
      time: 't',
      module: 'm'.repeat(500),
      msg: 'x'.repeat(100_000),
    });
    const read = logLineOf(json, NOW);
    expect(read.msg).toHaveLength(MAX_LOG_MESSAGE_CHARS);
    expect(read.msg.endsWith('…')).toBe(true);
    expect(read.module).toHaveLength(64);
    expect(logLine.safeParse(read).success).toBe(true);
  });
});
