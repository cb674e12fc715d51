import { z } from 'zod';
import { HVAC_MODES } from '../../domains/climate-services.ts';
import { commonFields, payload, template, topic } from '../discovery-schemas.ts';
import { coercedFloat, positiveFloat, stringList } from './discovery-coercions.ts';

/** HVACAction (https://developers.home-assistant.io/docs/core/entity/climate#hvac-action). */
export const HVAC_ACTIONS: ReadonlySet<string> = new Set([
  'cooling',
  'defrosting',
  'drying',
  'fan',
  'heating',
  'idle',
  'off',
  'preheating',
]);

/** Home Assistant's PRESET_NONE: listed first when the device has presets, never in `preset_modes`. */
export const PRESET_NONE = 'none';

/** `cv.temperature_unit`: `C` or `F`, in either case. */
const temperatureUnit = z.preprocess(
  (value) => (typeof value === 'string' ? value.toUpperCase() : value),
  z.enum(['C', 'F'], 'must be C or F'),
);

/**
 * https://www.home-assistant.io/integrations/climate.mqtt/, key for key (defaults are Home
 * Assistant's; `min_temp`/`max_temp`/`initial` default to 7/35/21 °C in the entity's unit, later).
 */
export const climateSchema = z
  .looseObject({
    ...commonFields,
    action_template: template.optional(),
    action_topic: topic.optional(),
    current_humidity_template: template.optional(),
    current_humidity_topic: topic.optional(),
    current_temperature_template: template.optional(),
    current_temperature_topic: topic.optional(),
    fan_mode_command_template: template.optional(),
    fan_mode_command_topic: topic.optional(),
    fan_mode_state_template: template.optional(),
    fan_mode_state_topic: topic.optional(),
    fan_modes: stringList.default(['auto', 'low', 'medium', 'high']),
    target_humidity_command_template: template.optional(),
    target_humidity_command_topic: topic.optional(),
    target_humidity_state_template: template.optional(),
    target_humidity_state_topic: topic.optional(),
    min_humidity: positiveFloat.default(30),
    max_humidity: positiveFloat.default(99),
    mode_command_template: template.optional(),
    mode_command_topic: topic.optional(),
    mode_state_template: template.optional(),
    mode_state_topic: topic.optional(),
    modes: z
      .preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(z.enum(HVAC_MODES)))
      .default(['auto', 'off', 'cool', 'heat', 'dry', 'fan_only']),
    optimistic: z.boolean().default(false),
    payload_on: payload('ON'),
    payload_off: payload('OFF'),
    power_command_template: template.optional(),
    power_command_topic: topic.optional(),
    precision: z
      .preprocess(
        (value) => (typeof value === 'string' ? Number(value) : value),
        z.union([z.literal(0.1), z.literal(0.5), z.literal(1)], 'must be 0.1, 0.5 or 1.0'),
      )
      .optional(),
    preset_mode_command_template: template.optional(),
    preset_mode_command_topic: topic.optional(),
    preset_mode_state_topic: topic.optional(),
    preset_mode_value_template: template.optional(),
    preset_modes: stringList.optional(),
    swing_mode_command_template: template.optional(),
    swing_mode_command_topic: topic.optional(),
    swing_mode_state_template: template.optional(),
    swing_mode_state_topic: topic.optional(),
    swing_modes: stringList.default(['on', 'off']),
    initial: coercedFloat.optional(),
    min_temp: coercedFloat.optional(),
    max_temp: coercedFloat.optional(),
    temp_step: coercedFloat.default(1),
    temperature_command_template: template.optional(),
    temperature_command_topic: topic.optional(),
    temperature_high_command_template: template.optional(),
    temperature_high_command_topic: topic.optional(),
    temperature_high_state_template: template.optional(),
    temperature_high_state_topic: topic.optional(),
    temperature_low_command_template: template.optional(),
    temperature_low_command_topic: topic.optional(),
    temperature_low_state_template: template.optional(),
    temperature_low_state_topic: topic.optional(),
    temperature_state_template: template.optional(),
    temperature_state_topic: topic.optional(),
    temperature_unit: temperatureUnit.optional(),
    value_template: template.optional(),
  })
  .superRefine((config, issues) => {
    // The checks of Home Assistant's DISCOVERY_SCHEMA, after the keys.
    const refuse = (path: string, message: string) =>
      issues.addIssue({ code: 'custom', path: [path], message });
    if ((config.preset_mode_command_topic === undefined) !== (config.preset_modes === undefined))
      refuse('preset_modes', 'preset_mode_command_topic and preset_modes go together (vol.Inclusive)');
    if (config.preset_modes?.includes(PRESET_NONE))
      refuse('preset_modes', "must not include preset mode 'none'");
    if (config.min_humidity >= config.max_humidity) refuse('max_humidity', 'must be > min_humidity');
    if (config.max_humidity > 100) refuse('max_humidity', 'must be <= 100');
    if (config.target_humidity_state_topic && !config.target_humidity_command_topic)
      refuse('target_humidity_state_topic', 'cannot be used without target_humidity_command_topic');
  });

export type ClimateConfig = z.output<typeof climateSchema>;
