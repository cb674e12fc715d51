import type { Context, EntityState } from '../protocol/entity-state.ts';
import type { MqttStatus } from '../protocol/mqtt-status.ts';
import type { Logger } from './logger.ts';

export interface StateChanged {
  entity_id: string;
  old_state: EntityState | null;
  new_state: EntityState | null;
  context: Context;
}

export interface RegistryUpdated {
  action: 'create' | 'update' | 'remove';
  id: string;
  /** On `update`: the old values of the keys that changed, as Home Assistant's registry events carry them. */
  changes?: Record<string, unknown>;
}

/** Every event of the hub, in one place. Facts in the past tense. */
export interface HubEvents {
  stateChanged: StateChanged;
  entityRegistryUpdated: RegistryUpdated;
  deviceRegistryUpdated: RegistryUpdated;
  areaRegistryUpdated: RegistryUpdated;
  mqttConnectionChanged: MqttStatus;
}

type Listener<K extends keyof HubEvents> = (payload: HubEvents[K]) => void;
interface Entry {
  owner: string;
  fn: (payload: never) => void;
}

/**
 * The spine of the hub (after Zigbee2MQTT's lib/eventBus.ts): listeners are keyed by owner so an
 * extension removes exactly its own, and a throwing listener is logged as `<owner>/<event>`
 * without stopping the others. Emission is synchronous: the state path stays one call deep.
 */
export class EventBus {
  private readonly listeners = new Map<keyof HubEvents, Entry[]>();

  constructor(private readonly log: Logger) {}

  on<K extends keyof HubEvents>(owner: string, event: K, fn: Listener<K>): void {
    const list = this.listeners.get(event) ?? [];
    // A new array, so an emit in progress keeps iterating the list it started with.
    this.listeners.set(event, [...list, { owner, fn: fn as (payload: never) => void }]);
  }

  removeListeners(owner: string): void {
    for (const [event, list] of this.listeners) {
      this.listeners.set(
        event,
        list.filter((entry) => entry.owner !== owner),
      );
    }
  }

  emit<K extends keyof HubEvents>(event: K, payload: HubEvents[K]): void {
    const list = this.listeners.get(event);
    if (!list) return;
    for (const entry of list) {
      try {
        (entry.fn as Listener<K>)(payload);
      } catch (error) {
        this.log.error(
          `${entry.owner}/${event}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
  }
}
