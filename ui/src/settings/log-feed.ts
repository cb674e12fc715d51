import type { ReadonlySignal, Signal } from '@preact/signals';
import { signal } from '@preact/signals';
import type { LogLine } from '../../../hub/protocol/log-lines.ts';
import type { LogLineLevel } from '../../../hub/protocol/settings-messages.ts';
import { LOG_LINE_LEVELS, LOGS_SUBSCRIBE } from '../../../hub/protocol/settings-messages.ts';
import type { Subscribe } from '../connection/hub-connection.ts';

/** Lines the panel keeps, as many as the hub's ring: the DOM stays small however long the page is open. */
export const PANEL_LOG_LINES = 500;

/** A line with its place in the feed, which the list keys on. */
export type NumberedLine = LogLine & { seq: number };

export interface LogFeed {
  /** Oldest first, at most PANEL_LOG_LINES. */
  readonly lines: ReadonlySignal<readonly NumberedLine[]>;
  /** The least severe level shown; the hub filters, so a quiet filter costs no traffic. */
  readonly level: Signal<LogLineLevel>;
  readonly error: ReadonlySignal<string | null>;
  /** Subscribes at the current level, replacing the lines with the hub's; returns the function that ends it. */
  start(): () => void;
}

const isLogLine = (value: unknown): value is LogLine => {
  if (typeof value !== 'object' || value === null) return false;
  const { time, level, module, msg } = value as Record<string, unknown>;
  return (
    typeof time === 'string' &&
    LOG_LINE_LEVELS.includes(level as LogLineLevel) &&
    (module === null || typeof module === 'string') &&
    typeof msg === 'string'
  );
};

/** The hub's log, live, through `hearth/logs/subscribe` (the owner's only). */
export function createLogFeed(subscribe: Subscribe): LogFeed {
  const lines = signal<readonly NumberedLine[]>([]);
  let seq = 0;
  const level = signal<LogLineLevel>('debug');
  const error = signal<string | null>(null);
  return {
    lines,
    level,
    error,
    start() {
      error.value = null;
      let first = true;
      const subscription = subscribe({ type: LOGS_SUBSCRIBE, level: level.peek() }, (event) => {
        const received = (event as { lines?: unknown } | null)?.lines;
        if (!Array.isArray(received)) return;
        const fresh = received.filter(isLogLine).map((line) => ({ ...line, seq: seq++ }));
        // The first event is the hub's scrollback: it replaces what an earlier filter showed.
        lines.value = (first ? fresh : [...lines.peek(), ...fresh]).slice(-PANEL_LOG_LINES);
        first = false;
      });
      subscription.result.catch((failure: unknown) => {
        error.value = failure instanceof Error ? failure.message : 'The hub did not answer.';
      });
      return () => subscription.unsubscribe();
    },
  };
}
