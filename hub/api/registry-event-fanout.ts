import type { Clock } from '../core/clock.ts';
import { createContext } from '../core/context.ts';
import type { EventBus, HubEvents, RegistryUpdated } from '../core/event-bus.ts';
import type { RegistryUpdatedEvent } from '../protocol/websocket-messages.ts';
import type { ApiConnection } from './api-connection.ts';

type EventType = RegistryUpdatedEvent['event_type'];

/** Each registry's bus event, its Home Assistant event type, and the key its id goes under. */
const SOURCES: readonly [keyof HubEvents, EventType, 'entity_id' | 'device_id' | 'area_id'][] = [
  ['entityRegistryUpdated', 'entity_registry_updated', 'entity_id'],
  ['deviceRegistryUpdated', 'device_registry_updated', 'device_id'],
  ['areaRegistryUpdated', 'area_registry_updated', 'area_id'],
];

export const REGISTRY_EVENT_TYPES: ReadonlySet<string> = new Set(SOURCES.map(([, type]) => type));

interface Subscriber {
  connection: ApiConnection;
  id: number;
  /** undefined: every registry event (`subscribe_events` without `event_type`). */
  type: EventType | undefined;
}

/**
 * Sends `entity_registry_updated`, `device_registry_updated` and `area_registry_updated` to the
 * clients that subscribed to them, so an edit made in one panel reaches every other at once.
 */
export class RegistryEventFanout {
  private readonly subscribers = new Set<Subscriber>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  start(): void {
    for (const [busEvent, type, idKey] of SOURCES) {
      this.bus.on('api-registry', busEvent, (update) => this.publish(type, idKey, update as RegistryUpdated));
    }
  }

  stop(): void {
    this.bus.removeListeners('api-registry');
  }

  subscribe(connection: ApiConnection, id: number, type: string | undefined): () => void {
    const subscriber: Subscriber = { connection, id, type: type as EventType | undefined };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  private publish(type: EventType, idKey: string, { action, id, changes }: RegistryUpdated): void {
    if (this.subscribers.size === 0) return;
    const event = {
      event_type: type,
      data: { action, [idKey]: id, ...(changes && { changes }) },
      origin: 'LOCAL',
      time_fired: new Date(this.clock.now()).toISOString(),
      context: createContext(this.clock.now()),
    } as RegistryUpdatedEvent;
    const json = JSON.stringify(event);
    for (const subscriber of this.subscribers) {
      if (subscriber.type === undefined || subscriber.type === type)
        subscriber.connection.sendEvent(subscriber.id, json);
    }
  }
}
