import { domainOf } from '../protocol/entity-state.ts';
import type { AreaRegistry } from './area-registry.ts';
import type { DeviceRegistry } from './device-registry.ts';
import type { EntityRegistry } from './entity-registry.ts';
import { HubError } from './hub-error.ts';
import type { StateMachine } from './state-machine.ts';

/** A service call's target, as Home Assistant's `target`: any mix of entities, devices and areas. */
export interface ServiceTarget {
  entity_id?: readonly string[];
  device_id?: readonly string[];
  area_id?: readonly string[];
}

/**
 * Turns a target into entity ids, as Home Assistant's `async_extract_referenced_entity_ids`:
 * named entities as they are; a device's entities; an area's entities — those assigned to it,
 * and those of its devices that are not assigned elsewhere. Entities reached through a device or
 * an area are kept only when `domain` can act on them; a named entity, a device or an area that
 * does not exist is `not_found`.
 */
export class TargetResolver {
  constructor(
    private readonly registries: {
      states: StateMachine;
      entities: EntityRegistry;
      devices: DeviceRegistry;
      areas: AreaRegistry;
    },
  ) {}

  resolve(
    target: ServiceTarget,
    accepts: (entityId: string) => boolean,
  ): { named: string[]; reached: string[] } {
    const { states, entities, devices, areas } = this.registries;
    const named = [...new Set(target.entity_id ?? [])];
    for (const entityId of named) {
      if (!states.get(entityId)) throw new HubError('not_found', `Entity ${entityId} not found.`);
    }
    const deviceIds = new Set(target.device_id ?? []);
    for (const deviceId of deviceIds) {
      if (!devices.get(deviceId)) throw new HubError('not_found', `Device ${deviceId} not found.`);
    }
    const areaIds = new Set(target.area_id ?? []);
    for (const areaId of areaIds) {
      if (!areas.get(areaId)) throw new HubError('not_found', `Area ${areaId} not found.`);
    }
    const reached = new Set<string>();
    if (deviceIds.size > 0 || areaIds.size > 0) {
      for (const entry of entities.list()) {
        if (named.includes(entry.entity_id) || entry.disabled_by !== null || entry.hidden_by !== null)
          continue;
        const deviceArea = entry.device_id ? devices.get(entry.device_id)?.area_id : null;
        const inTarget =
          (entry.device_id !== null && deviceIds.has(entry.device_id)) ||
          (entry.area_id !== null
            ? areaIds.has(entry.area_id)
            : deviceArea != null && areaIds.has(deviceArea));
        if (inTarget && states.get(entry.entity_id) && accepts(entry.entity_id)) reached.add(entry.entity_id);
      }
    }
    return { named, reached: [...reached] };
  }
}

/** Accepts the entities of one domain. */
export const inDomain =
  (domain: string) =>
  (entityId: string): boolean =>
    domainOf(entityId) === domain;
