import type { LightController, LightTurnOffParams, LightTurnOnParams } from '../../domains/light-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { STATE_OFF, STATE_ON } from '../../protocol/entity-state.ts';
import { parseFloatText, parseIntText } from '../../template/template-numbers.ts';
import type { LightDefaultConfig, LightJsonConfig, LightTemplateConfig } from '../discovery-schemas.ts';
import type { EntityContext } from '../entity-context.ts';
import { MqttEntity } from '../mqtt-entity.ts';
import type { LightColorMode, LightTraits, LightValues } from './light-model.ts';
import { initialLightValues, lightStateAttributes } from './light-model.ts';
import type { LightCommand } from './light-turn-on.ts';
import { filterTurnOff, planTurnOn } from './light-turn-on.ts';

export type LightConfig = LightDefaultConfig | LightJsonConfig | LightTemplateConfig;

/**
 * Keys a light's `json_attributes_topic` may not set: its own attributes
 * (`MQTT_LIGHT_ATTRIBUTES_BLOCKED`). Zigbee2MQTT points that topic at the light's state, whose
 * `brightness` is in the device's scale.
 */
const LIGHT_ATTRIBUTES_BLOCKED: ReadonlySet<string> = new Set([
  'brightness',
  'color_mode',
  'color_temp',
  'color_temp_kelvin',
  'effect',
  'effect_list',
  'hs_color',
  'max_color_temp_kelvin',
  'max_mireds',
  'min_color_temp_kelvin',
  'min_mireds',
  'rgb_color',
  'rgbw_color',
  'rgbww_color',
  'supported_color_modes',
  'xy_color',
]);

/**
 * What the three MQTT light schemas share: Home Assistant's `LightEntity`. The light component's
 * part of `light.turn_on` (colour conversion, `white`, brightness 0, unsupported parameters) runs
 * here; each schema turns the resulting command into MQTT payloads.
 */
export abstract class LightEntity<Config extends LightConfig>
  extends MqttEntity<Config>
  implements LightController
{
  protected values: LightValues;

  constructor(
    ctx: EntityContext,
    entityId: string,
    config: Config,
    staticAttributes: Attributes,
    protected readonly traits: LightTraits,
    initialColorMode: LightColorMode | null,
  ) {
    super(ctx, entityId, config, staticAttributes);
    this.values = initialLightValues(initialColorMode);
  }

  protected override get jsonAttributesBlocked(): ReadonlySet<string> {
    return LIGHT_ATTRIBUTES_BLOCKED;
  }

  protected stateValue(): string | null {
    return this.values.on === null ? null : this.values.on ? STATE_ON : STATE_OFF;
  }

  protected override stateAttributes(): Attributes {
    return lightStateAttributes(this.values, this.traits);
  }

  async turnOn(params: LightTurnOnParams, context: Context): Promise<void> {
    const plan = planTurnOn(this.entityId, params, this.traits, this.values.brightness);
    return plan.off ? this.sendOff(plan.params, context) : this.sendOn(plan.command, context);
  }

  async turnOff(params: LightTurnOffParams, context: Context): Promise<void> {
    return this.sendOff(filterTurnOff(params, this.traits), context);
  }

  /** Publishes `async_turn_on` for a command already converted to what the light supports. */
  protected abstract sendOn(command: LightCommand, context: Context): Promise<void>;
  protected abstract sendOff(params: LightTurnOffParams, context: Context): Promise<void>;

  /** A device-side problem in a report that Home Assistant logs and gets past. */
  protected warn(message: string): void {
    this.ctx.log.warn(`${this.entityId}: ${message}`);
  }
}

/** Python's `float(value)` of a JSON value, or undefined where Python raises. */
export function pyFloatOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'string' ? parseFloatText(value) : undefined;
}

/** Python's `int(value)` of a JSON value (floats truncate, strings must be integers), or undefined where Python raises. */
export function pyIntOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'string' ? parseIntText(value, 10) : undefined;
}
