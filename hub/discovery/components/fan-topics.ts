import { parseIntText } from '../../template/template-numbers.ts';
import { PayloadError } from '../mqtt-entity.ts';
import type { FanConfig, FanValues } from './fan-schema.ts';
import { presetModesOf, rangedValueToPercentage, speedRange } from './fan-schema.ts';
import type { MqttTemplates } from './mqtt-templates.ts';

export const FAN_TEMPLATE_KEYS = [
  'command_template',
  'state_value_template',
  'direction_command_template',
  'direction_value_template',
  'oscillation_command_template',
  'oscillation_value_template',
  'percentage_command_template',
  'percentage_value_template',
  'preset_mode_command_template',
  'preset_mode_value_template',
] as const;
export type FanTemplateKey = (typeof FAN_TEMPLATE_KEYS)[number];

/** Home Assistant's "None" payload: the state becomes unknown. */
const PAYLOAD_NONE = 'None';

interface FanParts {
  readonly config: FanConfig;
  readonly values: FanValues;
  readonly templates: MqttTemplates<FanTemplateKey>;
}

/**
 * The state topics of MqttFan._prepare_subscribe_topics, each rendered through its template: an
 * empty result is ignored, a reset payload makes the property unknown, anything that does not
 * parse is logged against the entity (PayloadError) and changes nothing.
 */
export function listenFanTopics(
  { config: c, values, templates }: FanParts,
  listen: (topic: string | undefined, handler: (payload: string) => void) => void,
): void {
  listen(c.state_topic, (payload) => {
    const rendered = templates.value('state_value_template', payload);
    if (rendered === '') return;
    if (rendered === c.payload_on) values.on = true;
    else if (rendered === c.payload_off) values.on = false;
    else if (rendered === PAYLOAD_NONE) values.on = null;
    else
      throw new PayloadError(
        `state "${rendered.slice(0, 64)}" is neither "${c.payload_on}" nor "${c.payload_off}"`,
      );
  });
  listen(c.percentage_state_topic, (payload) => {
    const rendered = templates.value('percentage_value_template', payload);
    if (rendered === '') return;
    if (rendered === c.payload_reset_percentage) {
      values.percentage = null;
      values.speed = null;
      return;
    }
    // Python's int(): "2" and " 2 " are speeds, "2.0" is not.
    const speed = parseIntText(rendered, 10);
    const percentage = speed === undefined ? undefined : rangedValueToPercentage(speedRange(c), speed);
    if (speed === undefined || percentage === undefined || percentage < 0 || percentage > 100)
      throw new PayloadError(`"${rendered.slice(0, 64)}" is not a valid speed within the speed range`);
    values.percentage = percentage;
    values.speed = speed;
  });
  listen(c.preset_mode_state_topic, (payload) => {
    const rendered = templates.value('preset_mode_value_template', payload);
    if (rendered === c.payload_reset_preset_mode) values.presetMode = null;
    else if (rendered === '') return;
    else if (!presetModesOf(c).includes(rendered))
      throw new PayloadError(`"${rendered.slice(0, 64)}" is not a valid preset mode`);
    else values.presetMode = rendered;
  });
  listen(c.oscillation_state_topic, (payload) => {
    const rendered = templates.value('oscillation_value_template', payload);
    if (rendered === '') return;
    if (rendered === c.payload_oscillation_on) values.oscillating = true;
    else if (rendered === c.payload_oscillation_off) values.oscillating = false;
    else throw new PayloadError(`oscillation "${rendered.slice(0, 64)}" is neither on nor off payload`);
  });
  listen(c.direction_state_topic, (payload) => {
    const rendered = templates.value('direction_value_template', payload);
    if (rendered !== '') values.direction = rendered;
  });
}
