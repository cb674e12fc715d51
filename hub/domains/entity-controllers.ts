import { HubError } from '../core/hub-error.ts';

/**
 * Which integration serves which entity: the domain services (light.turn_on, cover.open_cover, …)
 * look an entity's controller up here; integrations (MQTT discovery, later others) register them.
 * Each domain declares its controller interface in its own `<domain>-services.ts`.
 */
export class EntityControllers {
  private readonly byEntity = new Map<string, { domain: string; controller: object }>();

  set(domain: string, entityId: string, controller: object): void {
    this.byEntity.set(entityId, { domain, controller });
  }

  delete(entityId: string): void {
    this.byEntity.delete(entityId);
  }

  /** The controller, or `not_found` when no integration serves the entity in that domain. */
  require<C extends object>(domain: string, entityId: string): C {
    const controller = this.get<C>(domain, entityId);
    if (!controller) throw new HubError('not_found', `No integration serves ${entityId} as a ${domain}.`);
    return controller;
  }

  /** The controller of an entity, typed by the domain that asks for it. */
  get<C extends object>(domain: string, entityId: string): C | undefined {
    const entry = this.byEntity.get(entityId);
    return entry?.domain === domain ? (entry.controller as C) : undefined;
  }
}
