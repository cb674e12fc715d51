import type { CompressedState } from '../../../hub/protocol/compressed-state.ts';
import type { Attributes } from '../../../hub/protocol/entity-state.ts';
import { domainOf, STATE_UNAVAILABLE } from '../../../hub/protocol/entity-state.ts';
import type { PendingChange } from './entity-slot.ts';

/** What a card reads of an entity: the compressed state expanded into Home Assistant's names. */
export interface EntityView {
  entity_id: string;
  domain: string;
  state: string;
  attributes: Attributes;
}

export function toEntityView(entityId: string, compressed: CompressedState): EntityView {
  return { entity_id: entityId, domain: domainOf(entityId), state: compressed.s, attributes: compressed.a };
}

/** `friendly_name`, else the object id made readable, as Home Assistant's frontend does. */
export function friendlyName(view: EntityView): string {
  const name = view.attributes.friendly_name;
  if (typeof name === 'string' && name !== '') return name;
  const objectId = view.entity_id.slice(view.entity_id.indexOf('.') + 1).replaceAll('_', ' ');
  return objectId.charAt(0).toUpperCase() + objectId.slice(1);
}

export const isAvailable = (view: EntityView): boolean => view.state !== STATE_UNAVAILABLE;

export function numberAttribute(view: EntityView, key: string): number | null {
  const value = view.attributes[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function stringAttribute(view: EntityView, key: string): string | null {
  const value = view.attributes[key];
  return typeof value === 'string' ? value : null;
}

/**
 * The name shown inside an area's section: without the area's name in front, as Home Assistant's
 * area cards do ("Living Room Ceiling" under "Living Room" is "Ceiling").
 */
export function nameInArea(name: string, areaName: string | null): string {
  if (!areaName) return name;
  const prefix = `${areaName.toLowerCase()} `;
  if (!name.toLowerCase().startsWith(prefix)) return name;
  const rest = name.slice(prefix.length).trim();
  return rest === '' ? name : rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** The view a card draws: the confirmed state with the targets of the calls still in flight over it. */
export function shownView(view: EntityView, pending: PendingChange | null): EntityView {
  if (!pending) return view;
  return {
    ...view,
    state: pending.state ?? view.state,
    attributes: { ...view.attributes, ...pending.attributes },
  };
}

export function booleanAttribute(view: EntityView, key: string): boolean | null {
  const value = view.attributes[key];
  return typeof value === 'boolean' ? value : null;
}

/** A list of strings (`hvac_modes`, `options`, `preset_modes`); anything else in it is dropped. */
export function stringListAttribute(view: EntityView, key: string): string[] {
  const value = view.attributes[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The `supported_features` bit mask, or null when the entity does not say. */
export function supportedFeatures(view: EntityView): number | null {
  return numberAttribute(view, 'supported_features');
}

export const hasFeature = (view: EntityView, flag: number): boolean =>
  ((supportedFeatures(view) ?? 0) & flag) !== 0;
