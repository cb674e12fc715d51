import type { TimerHandle } from '../../core/clock.ts';
import type { LogLine } from '../../protocol/log-lines.ts';
import { atLeast, logsSubscribeMessage } from '../../protocol/log-lines.ts';
import { LOGS_SUBSCRIBE } from '../../protocol/settings-messages.ts';
import { defineCommand } from './command-handler.ts';
import { requireOwner } from './require-owner.ts';

/**
 * `hearth/logs/subscribe`: the hub's log for the owner — the lines kept in the ring, then each new
 * one at or above `level`. Lines logged in one turn of the event loop go out together in the next
 * turn: a burst is one frame, and a line logged while sending can never loop back into the send.
 */
export const subscribeLogs = defineCommand({
  type: LOGS_SUBSCRIBE,
  schema: logsSubscribeMessage,
  handle: (connection, message, { hub }) => {
    requireOwner(connection);
    const minimum = message.level ?? 'trace';
    const wanted = (line: LogLine) => atLeast(line.level, minimum);
    const send = (lines: LogLine[]) => connection.sendEvent(message.id, JSON.stringify({ lines }));
    let pending: LogLine[] = [];
    let timer: TimerHandle | undefined;
    const flush = () => {
      timer = undefined;
      // A turn that logged more than the ring holds sends what the ring would have kept.
      const lines = pending.slice(-hub.logs.capacity);
      pending = [];
      send(lines);
    };
    const stop = hub.logs.onLine((line) => {
      if (!wanted(line)) return;
      pending.push(line);
      timer ??= hub.clock.setTimeout(flush, 0);
    });
    connection.subscriptions.set(message.id, () => {
      stop();
      if (timer) hub.clock.clearTimeout(timer);
    });
    connection.sendResult(message.id, null);
    send(hub.logs.lines().filter(wanted));
  },
});
