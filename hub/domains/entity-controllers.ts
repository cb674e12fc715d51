import type { Context } from '../protocol/entity-state.ts';

/** Parsed `light.turn_on` data, in Home Assistant's units. */
export interface LightTurnOnParams {
  brightness?: number;
  transition?: number;
  color_temp_kelvin?: number;
  hs_color?: [number, number];
  rgb_color?: [number, number, number];
  effect?: string;
}

export interface LightTurnOffParams {
  transition?: number;
}

/** What a light integration implements. Each method resolves once the device has confirmed. */
export interface LightController {
  turnOn(params: LightTurnOnParams, context: Context): Promise<void>;
  turnOff(params: LightTurnOffParams, context: Context): Promise<void>;
}

export interface SwitchController {
  turnOn(context: Context): Promise<void>;
  turnOff(context: Context): Promise<void>;
}

export interface DomainControllers {
  light: LightController;
  switch: SwitchController;
}

/**
 * Which integration serves which entity, per domain: the domain services (light.turn_on, …)
 * look the controller up here, integrations (MQTT discovery, later others) register them.
 */
export class EntityControllers {
  private readonly byDomain: { [D in keyof DomainControllers]: Map<string, DomainControllers[D]> } = {
    light: new Map(),
    switch: new Map(),
  };

  set<D extends keyof DomainControllers>(
    domain: D,
    entityId: string,
    controller: DomainControllers[D],
  ): void {
    this.byDomain[domain].set(entityId, controller);
  }

  delete(entityId: string): void {
    for (const map of Object.values(this.byDomain)) map.delete(entityId);
  }

  get<D extends keyof DomainControllers>(domain: D, entityId: string): DomainControllers[D] | undefined {
    return this.byDomain[domain].get(entityId);
  }
}
