import { z } from 'zod';
import { FanFeature } from '../../domains/fan-services.ts';
import type { Attributes } from '../../protocol/entity-state.ts';
import { commonFields, payload, template, topic } from '../discovery-schemas.ts';
import { positiveInt, stringList } from './discovery-coercions.ts';

/** https://www.home-assistant.io/integrations/fan.mqtt/, key for key, with Home Assistant's defaults. */
export const fanSchema = z
  .looseObject({
    ...commonFields,
    command_topic: topic,
    command_template: template.optional(),
    state_topic: topic.optional(),
    state_value_template: template.optional(),
    payload_on: payload('ON'),
    payload_off: payload('OFF'),
    optimistic: z.boolean().default(false),
    direction_command_topic: topic.optional(),
    direction_command_template: template.optional(),
    direction_state_topic: topic.optional(),
    direction_value_template: template.optional(),
    oscillation_command_topic: topic.optional(),
    oscillation_command_template: template.optional(),
    oscillation_state_topic: topic.optional(),
    oscillation_value_template: template.optional(),
    payload_oscillation_on: payload('oscillate_on'),
    payload_oscillation_off: payload('oscillate_off'),
    percentage_command_topic: topic.optional(),
    percentage_command_template: template.optional(),
    percentage_state_topic: topic.optional(),
    percentage_value_template: template.optional(),
    payload_reset_percentage: payload('None'),
    speed_range_min: positiveInt.default(1),
    speed_range_max: positiveInt.default(100),
    preset_mode_command_topic: topic.optional(),
    preset_mode_command_template: template.optional(),
    preset_mode_state_topic: topic.optional(),
    preset_mode_value_template: template.optional(),
    preset_modes: stringList.optional(),
    payload_reset_preset_mode: payload('None'),
  })
  .superRefine((config, issues) => {
    // valid_speed_range_configuration and valid_preset_mode_configuration of Home Assistant's fan.mqtt.
    const refuse = (path: string, message: string) =>
      issues.addIssue({ code: 'custom', path: [path], message });
    if (config.speed_range_min === 0) refuse('speed_range_min', 'must be > 0');
    else if (config.speed_range_min >= config.speed_range_max)
      refuse('speed_range_max', 'must be > speed_range_min');
    if ((config.preset_mode_command_topic === undefined) !== (config.preset_modes === undefined))
      refuse('preset_modes', 'preset_mode_command_topic and preset_modes go together (vol.Inclusive)');
    if (config.preset_modes?.includes(config.payload_reset_preset_mode))
      refuse('preset_modes', 'must not contain payload_reset_preset_mode');
  });

export type FanConfig = z.output<typeof fanSchema>;

type Range = readonly [low: number, high: number];
const statesInRange = ([low, high]: Range): number => high - low + 1;

/** homeassistant.util.percentage.percentage_to_ranged_value; the caller takes Math.ceil, as MqttFan does. */
export function percentageToRangedValue(range: Range, percentage: number): number {
  return (statesInRange(range) * percentage) / 100 + (range[0] - 1);
}

/** homeassistant.util.percentage.ranged_value_to_percentage: `int((value - offset) * 100 // states)`. */
export function rangedValueToPercentage(range: Range, value: number): number {
  return Math.floor(((value - (range[0] - 1)) * 100) / statesInRange(range));
}

export const speedRange = (config: FanConfig): Range => [config.speed_range_min, config.speed_range_max];

/** FanEntity.speed_count: the device's speeds, at most 100, when it takes a percentage. */
export const speedCount = (config: FanConfig): number =>
  config.percentage_command_topic ? Math.min(statesInRange(speedRange(config)), 100) : 100;

/** `preset_modes` as MqttFan lists them: the config's when it has a preset command topic. */
export const presetModesOf = (config: FanConfig): string[] =>
  config.preset_mode_command_topic ? (config.preset_modes ?? []) : [];

/** MqttFan's supported_features. */
export function fanFeatures(config: FanConfig): number {
  let features = FanFeature.TURN_OFF | FanFeature.TURN_ON;
  if (config.oscillation_command_topic) features |= FanFeature.OSCILLATE;
  if (config.direction_command_topic) features |= FanFeature.DIRECTION;
  if (config.percentage_command_topic) features |= FanFeature.SET_SPEED;
  if (config.preset_mode_command_topic) features |= FanFeature.PRESET_MODE;
  return features;
}

/** What a fan last reported (or was optimistically set to); null is unknown. */
export interface FanValues {
  on: boolean | null;
  percentage: number | null;
  /** The device's own speed value behind `percentage`, which confirms a set_percentage. */
  speed: number | null;
  presetMode: string | null;
  oscillating: boolean | null;
  direction: string | null;
}

/** FanEntity.capability_attributes, supported_features and assumed_state. */
export function fanCapabilities(config: FanConfig): Attributes {
  const features = fanFeatures(config);
  return {
    ...(features & (FanFeature.SET_SPEED | FanFeature.PRESET_MODE)
      ? { preset_modes: presetModesOf(config) }
      : {}),
    supported_features: features,
    // MqttFan._attr_assumed_state: an optimistic fan says so.
    ...(config.optimistic || config.state_topic === undefined ? { assumed_state: true } : {}),
  };
}

/** FanEntity.state_attributes. */
export function fanStateAttributes(values: FanValues, config: FanConfig): Attributes {
  const features = fanFeatures(config);
  const has = (feature: number) => (features & feature) !== 0;
  return {
    ...(has(FanFeature.DIRECTION) ? { direction: values.direction } : {}),
    ...(has(FanFeature.OSCILLATE) ? { oscillating: values.oscillating } : {}),
    ...(has(FanFeature.SET_SPEED)
      ? { percentage: values.percentage, percentage_step: 100 / speedCount(config) }
      : {}),
    ...(has(FanFeature.SET_SPEED) || has(FanFeature.PRESET_MODE) ? { preset_mode: values.presetMode } : {}),
  };
}
