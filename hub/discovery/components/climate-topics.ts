import { parseFloatText } from '../../template/template-numbers.ts';
import { PayloadError } from '../mqtt-entity.ts';
import type { ClimateValues } from './climate-model.ts';
import { presetModesOf } from './climate-model.ts';
import type { ClimateConfig } from './climate-schema.ts';
import { HVAC_ACTIONS, PRESET_NONE } from './climate-schema.ts';
import type { ClimateSetpoints } from './climate-setpoints.ts';
import type { MqttTemplates } from './mqtt-templates.ts';

/** Every template key of the climate config; state templates fall back on `value_template`. */
export const CLIMATE_TEMPLATE_KEYS = [
  'action_template',
  'current_humidity_template',
  'current_temperature_template',
  'fan_mode_state_template',
  'target_humidity_state_template',
  'mode_state_template',
  'preset_mode_value_template',
  'swing_mode_state_template',
  'temperature_high_state_template',
  'temperature_low_state_template',
  'temperature_state_template',
  'fan_mode_command_template',
  'target_humidity_command_template',
  'mode_command_template',
  'power_command_template',
  'preset_mode_command_template',
  'swing_mode_command_template',
  'temperature_command_template',
  'temperature_high_command_template',
  'temperature_low_command_template',
] as const;
export type ClimateTemplateKey = (typeof CLIMATE_TEMPLATE_KEYS)[number];

/** MqttClimate's templates: `value_template` stands in for every state template not given. */
export function climateTemplateSources(config: ClimateConfig): Partial<Record<ClimateTemplateKey, string>> {
  return Object.fromEntries(
    CLIMATE_TEMPLATE_KEYS.map((key) => [
      key,
      config[key] ?? (key.endsWith('command_template') ? undefined : config.value_template),
    ]),
  );
}

interface ClimateParts {
  readonly config: ClimateConfig;
  readonly values: ClimateValues;
  readonly setpoints: ClimateSetpoints;
  readonly templates: MqttTemplates<ClimateTemplateKey>;
}

/** Home Assistant's "None" payload: the property becomes unknown. */
const PAYLOAD_NONE = 'None';

type NumberField =
  | 'currentTemperature'
  | 'targetTemperature'
  | 'targetTemperatureLow'
  | 'targetTemperatureHigh';
type ListField = 'hvacMode' | 'fanMode' | 'swingMode';

/**
 * The state topics of MqttClimate._prepare_subscribe_topics, each rendered through its template
 * and parsed as Home Assistant does: an empty result is ignored, "None" resets, anything else
 * that does not parse is logged against the entity (PayloadError) and changes nothing.
 */
export function listenClimateTopics(
  { config, values, setpoints, templates }: ClimateParts,
  listen: (topic: string | undefined, handler: (payload: string) => void) => void,
): void {
  const number = (
    topic: string | undefined,
    key: ClimateTemplateKey,
    what: string,
    set: (value: number | null) => void,
  ) =>
    listen(topic, (payload) => {
      const rendered = templates.value(key, payload);
      if (rendered === '') return;
      if (rendered === PAYLOAD_NONE) return set(null);
      const value = parseFloatText(rendered);
      if (value === undefined || !Number.isFinite(value))
        throw new PayloadError(`${what} "${rendered.slice(0, 64)}" is not a number`);
      set(value);
    });
  const setpoint = (topic: string | undefined, key: ClimateTemplateKey, field: NumberField) =>
    number(topic, key, 'target temperature', (value) => {
      values[field] = value;
      if (value === null) return;
      // A reported setpoint is active: the other kind is parked.
      if (field === 'targetTemperature') setpoints.parkRange(values);
      else setpoints.parkSingle(values);
    });
  const listed = (
    topic: string | undefined,
    key: ClimateTemplateKey,
    field: ListField,
    list: readonly string[],
  ) =>
    listen(topic, (payload) => {
      const rendered = templates.value(key, payload);
      // Home Assistant logs an empty mode as invalid; a partial report (one key of a JSON state) is normal.
      if (rendered === '') return;
      if (rendered === PAYLOAD_NONE) values[field] = null;
      else if (!list.includes(rendered))
        throw new PayloadError(`"${rendered.slice(0, 64)}" is not one of ${list.join(', ')}`);
      else values[field] = rendered;
    });

  listen(config.action_topic, (payload) => {
    const rendered = templates.value('action_template', payload);
    if (rendered === '') return;
    if (rendered === PAYLOAD_NONE) values.hvacAction = null;
    else if (!HVAC_ACTIONS.has(rendered))
      throw new PayloadError(`action "${rendered.slice(0, 64)}" is not an HVAC action`);
    else values.hvacAction = rendered;
  });
  number(config.current_humidity_topic, 'current_humidity_template', 'current humidity', (value) => {
    values.currentHumidity = value;
  });
  number(config.target_humidity_state_topic, 'target_humidity_state_template', 'target humidity', (value) => {
    values.targetHumidity = value;
  });
  listed(config.mode_state_topic, 'mode_state_template', 'hvacMode', config.modes);
  listed(config.fan_mode_state_topic, 'fan_mode_state_template', 'fanMode', config.fan_modes);
  listed(config.swing_mode_state_topic, 'swing_mode_state_template', 'swingMode', config.swing_modes);
  const presets = presetModesOf(config);
  listen(config.preset_mode_state_topic, (payload) => {
    const rendered = templates.value('preset_mode_value_template', payload);
    if (rendered === PRESET_NONE || rendered === PAYLOAD_NONE) values.presetMode = PRESET_NONE;
    else if (rendered === '') return;
    else if (!presets.includes(rendered))
      throw new PayloadError(
        `preset "${rendered.slice(0, 64)}" is not one of ${presets.join(', ') || '(none)'}`,
      );
    else values.presetMode = rendered;
  });
  number(config.current_temperature_topic, 'current_temperature_template', 'current temperature', (value) => {
    values.currentTemperature = value;
  });
  setpoint(config.temperature_state_topic, 'temperature_state_template', 'targetTemperature');
  setpoint(config.temperature_low_state_topic, 'temperature_low_state_template', 'targetTemperatureLow');
  setpoint(config.temperature_high_state_topic, 'temperature_high_state_template', 'targetTemperatureHigh');
}
