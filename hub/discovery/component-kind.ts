import type { z } from 'zod';
import type { Attributes } from '../protocol/entity-state.ts';
import type { CommonConfig } from './discovery-schemas.ts';
import type { EntityContext } from './entity-context.ts';
import type { MqttEntity } from './mqtt-entity.ts';

/**
 * One discoverable component (light, climate, …): how its config is validated and its entity
 * built. Each lives in its own file under `components/` and is listed in `components/index.ts`.
 */
export interface ComponentKind<Config extends CommonConfig = CommonConfig> {
  /** The `<component>` level of the discovery topic, and the `p` of device-based discovery. */
  component: string;
  /** The entity's domain, the part of its id before the dot. */
  domain: string;
  /** Home Assistant's entity name when the config has no `name` key ("MQTT Light", …). */
  defaultName: string;
  /** The schema for an expanded config; light picks one by its `schema` key. */
  schemaFor(expanded: Record<string, unknown>): z.ZodType<Config>;
  /** Attributes that do not change with the state (supported modes, min/max, unit, …). */
  capabilities(config: Config): Attributes;
  /** Builds the entity, and registers it as the domain's controller when it takes commands. */
  create(ctx: EntityContext, entityId: string, config: Config, attributes: Attributes): MqttEntity;
}

/** Erases a kind's config type for the registry; its schema guarantees the config it gets. */
export const defineComponent = <Config extends CommonConfig>(kind: ComponentKind<Config>): ComponentKind =>
  kind as unknown as ComponentKind;
