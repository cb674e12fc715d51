import type { LogLine } from '../protocol/log-lines.ts';
import { MAX_LOG_MESSAGE_CHARS } from '../protocol/log-lines.ts';
import { LOG_LINE_LEVELS } from '../protocol/settings-messages.ts';
import type { Clock } from './clock.ts';

/**
 * Lines the hub keeps for a panel that opens its log: a few minutes of a busy hub's info lines; with
 * messages cut at MAX_LOG_MESSAGE_CHARS, at most about 1 MB, typically under 100 KB.
 */
export const LOG_RING_CAPACITY = 500;

const MAX_MODULE_CHARS = 64;

type Listener = (line: LogLine) => void;

/**
 * The hub's last log lines, in a fixed-size ring (the oldest is overwritten), and a feed of each new
 * one for the panel's live log. Fed pino's JSON entries by the logger's tap; it never changes what
 * is written to stderr.
 */
export class LogRing {
  private readonly slots: (LogLine | undefined)[];
  /** Where the next line goes; once full, also the oldest line. */
  private next = 0;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    readonly capacity = LOG_RING_CAPACITY,
  ) {
    this.slots = new Array(capacity);
  }

  /** Adds one of pino's JSON entries; an entry that is not one is kept as its text, cut to size. */
  pushEntry(json: string): void {
    this.push(logLineOf(json, this.clock.now()));
  }

  push(line: LogLine): void {
    this.slots[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
    for (const listener of this.listeners) {
      try {
        listener(line);
      } catch {
        // A listener's failure must not stop the others, nor the logging that called us; and
        // logging it would come straight back here.
      }
    }
  }

  /** The kept lines, oldest first. */
  lines(): LogLine[] {
    const ordered = [...this.slots.slice(this.next), ...this.slots.slice(0, this.next)];
    return ordered.filter((line): line is LogLine => line !== undefined);
  }

  /** Calls `listener` with each line pushed from now on; returns the function that stops it. */
  onLine(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * A pino entry (`{"level":"info","time":"…","module":"api","msg":"…"}`) as a bounded `LogLine`;
 * `now` (ms since the epoch) dates an entry that carries no time.
 */
export function logLineOf(json: string, now: number): LogLine {
  let entry: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === 'object' && parsed !== null) entry = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: kept below as the message itself.
  }
  const level = LOG_LINE_LEVELS.find((name) => name === entry.level) ?? 'info';
  const module = typeof entry.module === 'string' ? cut(entry.module, MAX_MODULE_CHARS) : null;
  const msg = typeof entry.msg === 'string' ? entry.msg : 'msg' in entry ? String(entry.msg) : json.trim();
  return {
    time: typeof entry.time === 'string' ? entry.time : new Date(now).toISOString(),
    level,
    module,
    msg: cut(msg, MAX_LOG_MESSAGE_CHARS),
  };
}
