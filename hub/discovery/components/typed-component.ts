import { z } from 'zod';
import type { Attributes } from '../../protocol/entity-state.ts';
import type { ComponentKind } from '../component-kind.ts';
import type { CommonConfig } from '../discovery-schemas.ts';
import { commonFields } from '../discovery-schemas.ts';
import type { EntityContext } from '../entity-context.ts';
import type { MqttEntity } from '../mqtt-entity.ts';

const baseSchema = z.looseObject(commonFields);

/** What every component's config has: the keys `MqttEntity` and `MqttDiscovery` read. */
export type BaseConfig = z.output<typeof baseSchema>;

/**
 * `CommonConfig` (discovery-schemas.ts) is the union of the light, switch and sensor configs, so a
 * config with required keys of its own (a cover's `position_open`, a number's `min`) fits neither
 * `MqttEntity<Config extends CommonConfig>` nor `defineComponent`. Until `CommonConfig` becomes the
 * common base, these components hand the base class their config through this one cast, and keep
 * their own typed view of it. The schema has validated every key the base reads.
 */
export const asCommonConfig = (config: BaseConfig): CommonConfig => config as unknown as CommonConfig;

/** `ComponentKind`, typed by a config that extends only the common keys. */
export interface TypedComponentKind<Config extends BaseConfig> {
  component: string;
  domain: string;
  defaultName: string;
  schemaFor(expanded: Record<string, unknown>): z.ZodType<Config>;
  capabilities(config: Config): Attributes;
  create(ctx: EntityContext, entityId: string, config: Config, attributes: Attributes): MqttEntity;
}

/** `defineComponent` for such a config: erases its type for the registry. */
export const defineTypedComponent = <Config extends BaseConfig>(
  kind: TypedComponentKind<Config>,
): ComponentKind => kind as unknown as ComponentKind;

/** Home Assistant's `vol.Any(cv.string, None)` with a default: `null` disables the payload. */
export const nullablePayload = (fallback: string) =>
  z.union([z.null(), z.preprocess(pythonString, z.string().max(255)).default(fallback)]);

/** Home Assistant's `cv.string`: numbers and booleans as Python's `str()` writes them. */
export function pythonString(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return typeof value === 'number' ? String(value) : value;
}

/** A device class from a closed list, lower-cased first as Home Assistant's `vol.Lower` does. */
export const deviceClassOf = <const T extends readonly [string, ...string[]]>(classes: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(classes).nullable()).optional();

/** A key the component's Home Assistant schema does not take: dropped (`vol.REMOVE_EXTRA`), whatever it holds. */
export const droppedKey = z
  .unknown()
  .optional()
  .transform((): undefined => undefined);
