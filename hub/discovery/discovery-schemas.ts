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
const asPythonString = (value: unknown): unknown =>
  typeof value === 'boolean' ? (value ? 'True' : 'False') : typeof value === 'number' ? String(value) : value;
export const optionalPayload = z.preprocess(asPythonString, z.string().max(255).optional());
export const payload = (fallback: string) =>
  z.preprocess(asPythonString, z.string().max(255)).default(fallback);

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
  device: deviceSchema.optional(),
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
};

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

const colorMode = z.enum(['onoff', 'brightness', 'color_temp', 'hs', 'xy', 'rgb', 'rgbw', 'rgbww', 'white']);

const lightCommon = {
  ...commonFields,
  command_topic: topic,
  state_topic: topic.optional(),
  optimistic: z.boolean().optional(),
  brightness_scale: z.number().int().min(1).default(255),
  supported_color_modes: z.array(colorMode).min(1).optional(),
  effect_list: z.array(z.string()).optional(),
  min_mireds: z.number().int().min(1).optional(),
  max_mireds: z.number().int().min(1).optional(),
  min_kelvin: z.number().int().min(1).optional(),
  max_kelvin: z.number().int().min(1).optional(),
};

/** The `default` schema: one topic per property. */
export const lightDefaultSchema = z.looseObject({
  ...lightCommon,
  schema: z.literal('default').optional(),
  payload_on: payload('ON'),
  payload_off: payload('OFF'),
  state_value_template: template.optional(),
  brightness_command_topic: topic.optional(),
  brightness_command_template: template.optional(),
  brightness_state_topic: topic.optional(),
  brightness_value_template: template.optional(),
  on_command_type: z.enum(['last', 'first', 'brightness']).default('last'),
});

/** The `json` schema: one JSON state and one JSON command, as Zigbee2MQTT sends. */
export const lightJsonSchema = z.looseObject({
  ...lightCommon,
  schema: z.literal('json'),
  brightness: z.boolean().default(false),
});

export type SwitchConfig = z.output<typeof switchSchema>;
export type SensorConfig = z.output<typeof sensorSchema>;
export type BinarySensorConfig = z.output<typeof binarySensorSchema>;
export type LightDefaultConfig = z.output<typeof lightDefaultSchema>;
export type LightJsonConfig = z.output<typeof lightJsonSchema>;
export type CommonConfig =
  | SwitchConfig
  | SensorConfig
  | BinarySensorConfig
  | LightDefaultConfig
  | LightJsonConfig;
export type ColorMode = z.output<typeof colorMode>;
