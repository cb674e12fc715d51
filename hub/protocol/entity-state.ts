/**
 * The entity model, as Home Assistant defines it, so existing clients work unchanged.
 * https://developers.home-assistant.io/docs/core/entity/ and the WebSocket API docs.
 */

/** Who or what caused a change. `id` is a ULID, like Home Assistant's. */
export interface Context {
  id: string;
  parent_id: string | null;
  user_id: string | null;
}

export type Attributes = Readonly<Record<string, unknown>>;

export interface EntityState {
  entity_id: string;
  /** Always a string: `on`, `off`, `21.5`, `unavailable`, `unknown`. */
  state: string;
  attributes: Attributes;
  /** ISO 8601, UTC. Changes only when `state` changes. */
  last_changed: string;
  /** ISO 8601, UTC. Changes when `state` or `attributes` change. */
  last_updated: string;
  context: Context;
}

export const STATE_UNAVAILABLE = 'unavailable';
export const STATE_UNKNOWN = 'unknown';
export const STATE_ON = 'on';
export const STATE_OFF = 'off';

/** The domains (entity kinds) hearth knows; the part of an entity id before the dot. */
export type Domain = 'light' | 'switch' | 'sensor' | 'binary_sensor';

export function domainOf(entityId: string): string {
  const dot = entityId.indexOf('.');
  return dot === -1 ? '' : entityId.slice(0, dot);
}
