import type { EventBus, StateChanged } from '../core/event-bus.ts';
import type { EntitiesEvent } from '../protocol/compressed-state.ts';
import { compressState, diffStates } from '../protocol/compressed-state.ts';
import type { StateChangedEvent } from '../protocol/websocket-messages.ts';
import type { ApiConnection } from './api-connection.ts';
import { EventFrames } from './event-frame.ts';

interface Subscriber {
  connection: ApiConnection;
  id: number;
  /** subscribe_entities with `entity_ids`: only these. */
  filter?: ReadonlySet<string>;
}

/**
 * Fans state changes out to WebSocket subscribers. Each event is serialized, framed and encoded
 * once for all subscribers that share a subscription id, so the per-subscriber work is the socket
 * write alone (or a place in its coalescing queue).
 */
export class StateFanout {
  private readonly stateChanged = new Set<Subscriber>();
  private readonly entities = new Set<Subscriber>();

  constructor(private readonly bus: EventBus) {}

  start(): void {
    this.bus.on('api', 'stateChanged', (change) => this.publish(change));
  }

  stop(): void {
    this.bus.removeListeners('api');
  }

  subscribeStateChanged(connection: ApiConnection, id: number): () => void {
    const subscriber: Subscriber = { connection, id };
    this.stateChanged.add(subscriber);
    return () => this.stateChanged.delete(subscriber);
  }

  subscribeEntities(connection: ApiConnection, id: number, filter?: ReadonlySet<string>): () => void {
    const subscriber: Subscriber = { connection, id, ...(filter && { filter }) };
    this.entities.add(subscriber);
    return () => this.entities.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.stateChanged.size + this.entities.size;
  }

  private publish(change: StateChanged): void {
    if (this.stateChanged.size > 0) {
      const event: StateChangedEvent = {
        event_type: 'state_changed',
        data: { entity_id: change.entity_id, old_state: change.old_state, new_state: change.new_state },
        origin: 'LOCAL',
        time_fired: change.new_state?.last_updated ?? new Date().toISOString(),
        context: change.context,
      };
      const frames = new EventFrames(JSON.stringify(event));
      for (const { connection, id } of this.stateChanged) connection.sendFrame(frames.for(id));
    }
    if (this.entities.size > 0) {
      const frames = new EventFrames(JSON.stringify(entitiesEvent(change)));
      for (const { connection, id, filter } of this.entities) {
        if (!filter || filter.has(change.entity_id)) connection.sendFrame(frames.for(id));
      }
    }
  }
}

function entitiesEvent({ entity_id, old_state, new_state }: StateChanged): EntitiesEvent {
  if (!new_state) return { r: [entity_id] };
  if (!old_state) return { a: { [entity_id]: compressState(new_state) } };
  return { c: { [entity_id]: diffStates(old_state, new_state) } };
}
