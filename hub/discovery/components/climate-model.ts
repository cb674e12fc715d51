import type { HvacMode } from '../../domains/climate-services.ts';
import { ClimateFeature } from '../../domains/climate-services.ts';
import type { Attributes } from '../../protocol/entity-state.ts';
import { roundHalfEven } from '../../template/template-numbers.ts';
import type { ClimateConfig } from './climate-schema.ts';
import { PRESET_NONE } from './climate-schema.ts';

/**
 * What a climate device last reported (or was optimistically set to), temperatures in the
 * device's unit; null is unknown. The attribute names and rules are Home Assistant's
 * ClimateEntity (https://developers.home-assistant.io/docs/core/entity/climate).
 */
export interface ClimateValues {
  hvacMode: string | null;
  hvacAction: string | null;
  currentTemperature: number | null;
  targetTemperature: number | null;
  targetTemperatureLow: number | null;
  targetTemperatureHigh: number | null;
  currentHumidity: number | null;
  targetHumidity: number | null;
  fanMode: string | null;
  swingMode: string | null;
  presetMode: string | null;
}

export type ClimateTopicKey = keyof ClimateConfig & `${string}_topic`;

/** A property with no state topic, or any under `optimistic: true`, is optimistic (MqttClimate). */
export const isOptimistic = (config: ClimateConfig, stateTopic: ClimateTopicKey): boolean =>
  config.optimistic || config[stateTopic] === undefined;

/** The target range is optimistic when neither of its setpoints has a state topic. */
export const rangeOptimistic = (config: ClimateConfig): boolean =>
  config.optimistic ||
  (config.temperature_low_state_topic === undefined && config.temperature_high_state_topic === undefined);

/** hearth's unit system is metric (get_config): temperatures are shown and taken in °C. */
export const SYSTEM_UNIT = 'C';
type Unit = 'C' | 'F';

/** Home Assistant's TemperatureConverter, between °C and °F. */
export function convertTemperature(value: number, from: Unit, to: Unit): number {
  if (from === to) return value;
  return from === 'C' ? value * 1.8 + 32 : (value - 32) / 1.8;
}

export const unitOf = (config: ClimateConfig): Unit => config.temperature_unit ?? SYSTEM_UNIT;

/** ClimateEntity.precision: the config's, else tenths for a metric system. */
export const precisionOf = (config: ClimateConfig): number => config.precision ?? 0.1;

/** Home Assistant's `display_temp`: converted to the system unit, rounded to the precision. */
export function displayTemperature(value: number | null, config: ClimateConfig): number | null {
  if (value === null) return null;
  const shown = convertTemperature(value, unitOf(config), SYSTEM_UNIT);
  const precision = precisionOf(config);
  if (precision === 0.5) return roundHalfEven(shown * 2, 0) / 2;
  if (precision === 0.1) return roundHalfEven(shown, 1);
  return roundHalfEven(shown, 0);
}

/** min_temp / max_temp / initial: the config's, else 7 / 35 / 21 °C in the device's unit. */
export const minTemp = (config: ClimateConfig): number =>
  config.min_temp ?? convertTemperature(7, 'C', unitOf(config));
export const maxTemp = (config: ClimateConfig): number =>
  config.max_temp ?? convertTemperature(35, 'C', unitOf(config));
export const initialTemp = (config: ClimateConfig): number =>
  config.initial ?? convertTemperature(21, 'C', unitOf(config));

/** `preset_modes` as the entity lists them: `none` first, when the device has any. */
export const presetModesOf = (config: ClimateConfig): string[] =>
  config.preset_mode_command_topic && config.preset_modes?.length
    ? [PRESET_NONE, ...config.preset_modes]
    : [];

/** MqttClimate's supported_features: a feature is there when its state or command topic is. */
export function climateFeatures(config: ClimateConfig): number {
  let features = ClimateFeature.TURN_ON | ClimateFeature.TURN_OFF;
  if (config.temperature_state_topic || config.temperature_command_topic)
    features |= ClimateFeature.TARGET_TEMPERATURE;
  if (
    config.temperature_low_state_topic ||
    config.temperature_low_command_topic ||
    config.temperature_high_state_topic ||
    config.temperature_high_command_topic
  )
    features |= ClimateFeature.TARGET_TEMPERATURE_RANGE;
  if (config.target_humidity_command_topic) features |= ClimateFeature.TARGET_HUMIDITY;
  if (config.fan_mode_state_topic || config.fan_mode_command_topic) features |= ClimateFeature.FAN_MODE;
  if (config.swing_mode_state_topic || config.swing_mode_command_topic) features |= ClimateFeature.SWING_MODE;
  if (config.preset_mode_command_topic) features |= ClimateFeature.PRESET_MODE;
  return features;
}

/** ClimateEntity.capability_attributes, and supported_features: what does not change with the state. */
export function climateCapabilities(config: ClimateConfig): Attributes {
  const features = climateFeatures(config);
  const has = (feature: number) => (features & feature) !== 0;
  return {
    hvac_modes: config.modes,
    min_temp: displayTemperature(minTemp(config), config),
    max_temp: displayTemperature(maxTemp(config), config),
    ...(config.temp_step ? { target_temp_step: config.temp_step } : {}),
    ...(has(ClimateFeature.TARGET_HUMIDITY)
      ? { min_humidity: config.min_humidity, max_humidity: config.max_humidity }
      : {}),
    ...(has(ClimateFeature.FAN_MODE) ? { fan_modes: config.fan_modes } : {}),
    ...(has(ClimateFeature.PRESET_MODE) ? { preset_modes: presetModesOf(config) } : {}),
    ...(has(ClimateFeature.SWING_MODE) ? { swing_modes: config.swing_modes } : {}),
    supported_features: features,
  };
}

/** ClimateEntity.state_attributes. */
export function climateStateAttributes(values: ClimateValues, config: ClimateConfig): Attributes {
  const features = climateFeatures(config);
  const has = (feature: number) => (features & feature) !== 0;
  const show = (value: number | null) => displayTemperature(value, config);
  return {
    current_temperature: show(values.currentTemperature),
    ...(has(ClimateFeature.TARGET_TEMPERATURE) ? { temperature: show(values.targetTemperature) } : {}),
    ...(has(ClimateFeature.TARGET_TEMPERATURE_RANGE)
      ? {
          target_temp_high: show(values.targetTemperatureHigh),
          target_temp_low: show(values.targetTemperatureLow),
        }
      : {}),
    ...(values.currentHumidity !== null ? { current_humidity: values.currentHumidity } : {}),
    ...(has(ClimateFeature.TARGET_HUMIDITY) ? { humidity: values.targetHumidity } : {}),
    ...(has(ClimateFeature.FAN_MODE) ? { fan_mode: values.fanMode } : {}),
    ...(values.hvacAction ? { hvac_action: values.hvacAction } : {}),
    ...(has(ClimateFeature.PRESET_MODE) ? { preset_mode: values.presetMode } : {}),
    ...(has(ClimateFeature.SWING_MODE) ? { swing_mode: values.swingMode } : {}),
  };
}

/** MqttClimate._setup_from_config: properties without a state topic start at Home Assistant's defaults. */
export function initialValues(config: ClimateConfig): ClimateValues {
  const optimistic = (stateTopic: string | undefined) => config.optimistic || stateTopic === undefined;
  const initial = initialTemp(config);
  return {
    hvacMode: optimistic(config.mode_state_topic) ? 'off' : null,
    hvacAction: null,
    currentTemperature: null,
    targetTemperature: optimistic(config.temperature_state_topic) ? initial : null,
    targetTemperatureLow: optimistic(config.temperature_low_state_topic) ? initial : null,
    targetTemperatureHigh: optimistic(config.temperature_high_state_topic) ? initial : null,
    currentHumidity: null,
    targetHumidity: null,
    fanMode: optimistic(config.fan_mode_state_topic) ? 'low' : null,
    swingMode: optimistic(config.swing_mode_state_topic) ? 'off' : null,
    presetMode: config.preset_mode_command_topic ? PRESET_NONE : null,
  };
}

/** ClimateEntity.async_turn_on without a power topic: of two modes with off the other, else heat_cool, heat or cool. */
export function turnOnMode(modes: readonly HvacMode[]): HvacMode | undefined {
  if (modes.length === 2 && modes.includes('off')) return modes.find((mode) => mode !== 'off');
  return (['heat_cool', 'heat', 'cool'] as const).find((mode) => modes.includes(mode));
}
