import { expandDiscoveryPayload } from './expand-discovery-payload.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every topic a discovery config names (`state_topic`, `command_topic`, `availability[].topic`, …,
 * abbreviations and `~` expanded), for each component of a device-based config too. The broker
 * uses it to keep a device from announcing an entity on another device's topics, which would make
 * the hub read or command them on its behalf.
 */
export function discoveryConfigTopics(json: Json, deviceBased: boolean): string[] {
  if (!deviceBased) return topicsOf(json);
  const { cmps, components, ...shared } = json;
  const listed = cmps ?? components;
  const topics = topicsOf(shared);
  if (!isObject(listed)) return topics;
  for (const component of Object.values(listed)) {
    if (isObject(component)) topics.push(...topicsOf({ ...shared, ...component }));
  }
  return topics;
}

function topicsOf(json: Json): string[] {
  const expanded = expandDiscoveryPayload(json);
  const topics: string[] = [];
  for (const [key, value] of Object.entries(expanded)) {
    if (key.endsWith('topic') && typeof value === 'string') topics.push(value);
  }
  if (Array.isArray(expanded.availability)) {
    for (const item of expanded.availability) {
      if (isObject(item) && typeof item.topic === 'string') topics.push(item.topic);
    }
  }
  return topics;
}
