import { z } from 'zod';

/**
 * Schemas of the discovery configs hearth understands, after `expandDiscoveryPayload`. Keys
 * not listed are ignored, as Home Assistant does; defaults are Home Assistant's
 * (https://www.home-assistant.io/integrations/<component>.mqtt/).
 */
export const topic = z.string().min(1).max(1024);
export const template = z.string().max(4096);

/**
 * Home Assistant's `cv.string`: payloads may come as JSON numbers or booleans (Zigbee2MQTT sends
 * `"payload_on": true`), and are compared with the rendered template as Python's `str()` has them.
 */
export const pythonString = (value: unknown): unknown =>
  typeof value === 'boolean' ? (value ? 'True' : 'False') : typeof value === 'number' ? String(value) : value;
export const optionalPayload = z.preprocess(pythonString, z.string().max(255).optional());
export const payload = (fallback: string) =>
  z.preprocess(pythonString, z.string().max(255)).default(fallback);

export const deviceSchema = z.looseObject({
  identifiers: z.union([z.string(), z.array(z.string())]).optional(),
  connections: z.array(z.tuple([z.string(), z.string()])).optional(),
  name: z.string().max(255).optional(),
  manufacturer: z.string().max(255).optional(),
  model: z.string().max(255).optional(),
  sw_version: z.string().max(255).optional(),
  hw_version: z.string().max(255).optional(),
  suggested_area: z.string().max(255).optional(),
  configuration_url: z.string().max(2048).optional(),
  via_device: z.string().optional(),
});

const availabilityItem = z.looseObject({
  topic,
  payload_available: payload('online'),
  payload_not_available: payload('offline'),
  value_template: template.optional(),
});

/** Keys every component takes; spread into each component's schema. */
export const commonFields = {
  name: z.string().max(255).nullable().optional(),
  unique_id: z.string().max(255).optional(),
  object_id: z.string().max(255).optional(),
  default_entity_id: z.string().max(255).optional(),
  icon: z.string().max(255).optional(),
  // Zigbee2MQTT sends `"sw_version": null` for devices that report none: a missing key, not a
  // reason to refuse the whole config.
  device: z.preprocess(
    (value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null))
        : value,
    deviceSchema.optional(),
  ),
  availability: z.array(availabilityItem).max(16).optional(),
  availability_topic: topic.optional(),
  availability_template: template.optional(),
  availability_mode: z.enum(['all', 'any', 'latest']).default('latest'),
  payload_available: payload('online'),
  payload_not_available: payload('offline'),
  entity_category: z.enum(['config', 'diagnostic']).nullable().optional(),
  enabled_by_default: z.boolean().default(true),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  retain: z.boolean().default(false),
  device_class: z.string().max(64).nullable().optional(),
  json_attributes_topic: topic.optional(),
  json_attributes_template: template.optional(),
};

const commonSchema = z.looseObject(commonFields);

export const switchSchema = z.looseObject({
  ...commonFields,
  command_topic: topic.optional(),
  state_topic: topic.optional(),
  value_template: template.optional(),
  payload_on: payload('ON'),
  payload_off: payload('OFF'),
  state_on: optionalPayload,
  state_off: optionalPayload,
  optimistic: z.boolean().optional(),
});

export const sensorSchema = z.looseObject({
  ...commonFields,
  state_topic: topic,
  value_template: template.optional(),
  unit_of_measurement: z.string().max(64).optional(),
  state_class: z.enum(['measurement', 'total', 'total_increasing', 'measurement_angle']).optional(),
  expire_after: z.number().int().min(0).optional(),
  force_update: z.boolean().default(false),
  suggested_display_precision: z.number().int().min(0).max(10).optional(),
});

export const binarySensorSchema = z.looseObject({
  ...commonFields,
  state_topic: topic,
  value_template: template.optional(),
  payload_on: payload('ON'),
  payload_off: payload('OFF'),
  off_delay: z.number().int().min(0).optional(),
  expire_after: z.number().int().min(0).optional(),
  force_update: z.boolean().default(false),
});

/** Home Assistant's `ColorMode` (homeassistant/components/light/const.py), without `unknown`. */
const colorMode = z.enum(['onoff', 'brightness', 'color_temp', 'hs', 'xy', 'rgb', 'rgbw', 'rgbww', 'white']);
const COLOR_MODES_COLOR: ReadonlySet<string> = new Set(['hs', 'xy', 'rgb', 'rgbw', 'rgbww']);

/**
 * `supported_color_modes`, checked as Home Assistant's `valid_supported_color_modes` does: no
 * repeats, `onoff` and `brightness` alone, `white` only beside a colour mode.
 */
const supportedColorModes = z
  .array(colorMode)
  .min(1)
  .max(9)
  .superRefine((modes, ctx) => {
    const set = new Set(modes);
    if (set.size !== modes.length) ctx.addIssue({ code: 'custom', message: 'must not repeat a color mode' });
    else if ((set.has('onoff') || set.has('brightness')) && set.size > 1)
      ctx.addIssue({ code: 'custom', message: 'onoff and brightness cannot be combined with other modes' });
    else if (set.has('white') && !modes.some((mode) => COLOR_MODES_COLOR.has(mode)))
      ctx.addIssue({
        code: 'custom',
        message: 'white needs a colour mode beside it (hs, xy, rgb, rgbw or rgbww)',
      });
  });

/** `cv.ensure_list`: a single effect name is a list of one. */
const effectList = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value),
  z
    .array(z.preprocess((value) => (typeof value === 'number' ? String(value) : value), z.string().max(255)))
    .max(256),
);
/** `cv.positive_int`: 0 is accepted, and reads as "not set" where Home Assistant tests it for truth. */
const positiveInt = z.number().int().min(0);
/** `vol.All(vol.Lower, vol.Any("basic", "json", "template"))`; hearth also takes the `default` the docs name. */
const schemaKey = <const T extends readonly [string, ...string[]]>(names: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.toLowerCase() : value), z.enum(names));

/** Keys of all three light schemas (`MQTT_RW_SCHEMA` and the colour temperature range). */
const lightCommon = {
  ...commonFields,
  command_topic: topic,
  state_topic: topic.optional(),
  optimistic: z.boolean().default(false),
  effect_list: effectList.optional(),
  color_temp_kelvin: z.boolean().default(false),
  min_mireds: positiveInt.optional(),
  max_mireds: positiveInt.optional(),
  min_kelvin: positiveInt.optional(),
  max_kelvin: positiveInt.optional(),
};

/**
 * The `default` schema (`basic` in Home Assistant's code): one topic per property
 * (https://www.home-assistant.io/integrations/light.mqtt/#default-schema). The supported colour
 * modes follow from which command topics are set.
 */
export const lightDefaultSchema = z.looseObject({
  ...lightCommon,
  schema: schemaKey(['basic', 'default']).optional(),
  payload_on: payload('ON'),
  payload_off: payload('OFF'),
  state_value_template: template.optional(),
  on_command_type: z.enum(['last', 'first', 'brightness']).default('last'),
  brightness_scale: z.number().int().min(1).default(255),
  brightness_command_topic: topic.optional(),
  brightness_command_template: template.optional(),
  brightness_state_topic: topic.optional(),
  brightness_value_template: template.optional(),
  color_mode_state_topic: topic.optional(),
  color_mode_value_template: template.optional(),
  color_temp_command_topic: topic.optional(),
  color_temp_command_template: template.optional(),
  color_temp_state_topic: topic.optional(),
  color_temp_value_template: template.optional(),
  effect_command_topic: topic.optional(),
  effect_command_template: template.optional(),
  effect_state_topic: topic.optional(),
  effect_value_template: template.optional(),
  hs_command_topic: topic.optional(),
  hs_command_template: template.optional(),
  hs_state_topic: topic.optional(),
  hs_value_template: template.optional(),
  rgb_command_topic: topic.optional(),
  rgb_command_template: template.optional(),
  rgb_state_topic: topic.optional(),
  rgb_value_template: template.optional(),
  rgbw_command_topic: topic.optional(),
  rgbw_command_template: template.optional(),
  rgbw_state_topic: topic.optional(),
  rgbw_value_template: template.optional(),
  rgbww_command_topic: topic.optional(),
  rgbww_command_template: template.optional(),
  rgbww_state_topic: topic.optional(),
  rgbww_value_template: template.optional(),
  white_command_topic: topic.optional(),
  white_scale: z.number().int().min(1).default(255),
  xy_command_topic: topic.optional(),
  xy_command_template: template.optional(),
  xy_state_topic: topic.optional(),
  xy_value_template: template.optional(),
});

/**
 * The `json` schema: one JSON state and one JSON command, as Zigbee2MQTT and ESPHome send
 * (https://www.home-assistant.io/integrations/light.mqtt/#json-schema). The legacy flags
 * (`color_mode`, `hs`, `rgb`, `xy`, `color_temp`) are ignored, as Home Assistant 2025.3 does.
 */
export const lightJsonSchema = z.looseObject({
  ...lightCommon,
  schema: schemaKey(['json']),
  brightness: z.boolean().default(false),
  brightness_scale: z.number().int().min(1).default(255),
  effect: z.boolean().default(false),
  flash: z.boolean().default(true),
  flash_time_long: positiveInt.default(10),
  flash_time_short: positiveInt.default(2),
  supported_color_modes: supportedColorModes.optional(),
  transition: z.boolean().default(true),
  white_scale: z.number().int().min(1).default(255),
});

/**
 * The `template` schema: commands rendered from templates, the state read by templates from one
 * topic (https://www.home-assistant.io/integrations/light.mqtt/#template-schema).
 */
export const lightTemplateSchema = z.looseObject({
  ...lightCommon,
  schema: schemaKey(['template']),
  command_on_template: template,
  command_off_template: template,
  state_template: template.optional(),
  brightness_template: template.optional(),
  color_temp_template: template.optional(),
  red_template: template.optional(),
  green_template: template.optional(),
  blue_template: template.optional(),
  effect_template: template.optional(),
});

export type SwitchConfig = z.output<typeof switchSchema>;
export type SensorConfig = z.output<typeof sensorSchema>;
export type BinarySensorConfig = z.output<typeof binarySensorSchema>;
export type LightDefaultConfig = z.output<typeof lightDefaultSchema>;
export type LightJsonConfig = z.output<typeof lightJsonSchema>;
export type LightTemplateConfig = z.output<typeof lightTemplateSchema>;
/** What every component's config has: the keys `MqttEntity` and `MqttDiscovery` read. */
export type CommonConfig = z.output<typeof commonSchema>;
export type ColorMode = z.output<typeof colorMode>;
