import type { MessageHandler } from './mqtt-transport.ts';

/**
 * Dispatches incoming messages to the handlers whose filters match. Exact topics, the vast
 * majority (one state topic per device), are one map lookup; only wildcard filters are matched
 * one by one, with MQTT 5 §4.7 semantics (`+` one level, `#` the rest, `$` topics not matched by
 * a leading wildcard [MQTT-4.7.2-1]).
 */
export class TopicRouter {
  private readonly exact = new Map<string, Set<MessageHandler>>();
  private readonly wildcard = new Map<string, { levels: string[]; handlers: Set<MessageHandler> }>();

  /** Adds a handler; returns true when the filter is new (the caller subscribes at the broker). */
  add(filter: string, handler: MessageHandler): boolean {
    if (filter.includes('+') || filter.includes('#')) {
      const entry = this.wildcard.get(filter);
      if (entry) {
        entry.handlers.add(handler);
        return false;
      }
      this.wildcard.set(filter, { levels: filter.split('/'), handlers: new Set([handler]) });
      return true;
    }
    const handlers = this.exact.get(filter);
    if (handlers) {
      handlers.add(handler);
      return false;
    }
    this.exact.set(filter, new Set([handler]));
    return true;
  }

  /** Removes a handler; returns true when the filter has no handler left (the caller unsubscribes). */
  remove(filter: string, handler: MessageHandler): boolean {
    const handlers = this.exact.get(filter) ?? this.wildcard.get(filter)?.handlers;
    if (!handlers) return false;
    handlers.delete(handler);
    if (handlers.size > 0) return false;
    this.exact.delete(filter);
    this.wildcard.delete(filter);
    return true;
  }

  dispatch(topic: string, payload: Buffer, onError: (error: unknown, topic: string) => void): void {
    const handlers = this.exact.get(topic);
    if (handlers) for (const handler of handlers) run(handler, topic, payload, onError);
    if (this.wildcard.size === 0) return;
    const levels = topic.split('/');
    for (const entry of this.wildcard.values()) {
      if (matches(entry.levels, levels))
        for (const handler of entry.handlers) run(handler, topic, payload, onError);
    }
  }
}

function run(
  handler: MessageHandler,
  topic: string,
  payload: Buffer,
  onError: (error: unknown, topic: string) => void,
): void {
  try {
    handler(topic, payload);
  } catch (error) {
    onError(error, topic);
  }
}

export function matches(filter: readonly string[], topic: readonly string[]): boolean {
  if (topic[0]?.startsWith('$') && (filter[0] === '+' || filter[0] === '#')) return false;
  for (let i = 0; i < filter.length; i++) {
    const level = filter[i];
    if (level === '#') return true;
    if (i >= topic.length) return false;
    if (level !== '+' && level !== topic[i]) return false;
  }
  return filter.length === topic.length;
}
