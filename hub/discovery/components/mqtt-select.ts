import { z } from 'zod';
import type { SelectController } from '../../domains/select-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { defineComponent } from '../component-kind.ts';
import { commonFields, pythonString, template, topic } from '../discovery-schemas.ts';
import type { EntityContext } from '../entity-context.ts';
import { PayloadError } from '../mqtt-entity.ts';
import { droppedKey } from './discovery-coercions.ts';
import { MqttStateCommandEntity } from './mqtt-state-command-entity.ts';

const DEFAULT_NAME = 'MQTT Select';

/** HA's `MQTT_SELECT_ATTRIBUTES_BLOCKED`: json_attributes_topic may not set these. */
const ATTRIBUTES_BLOCKED: ReadonlySet<string> = new Set(['options']);

/** https://www.home-assistant.io/integrations/select.mqtt/ and homeassistant/components/mqtt/select.py. */
export const selectSchema = z.looseObject({
  ...commonFields,
  // The MQTT select takes no device_class (HA drops the key).
  device_class: droppedKey,
  command_topic: topic,
  command_template: template.optional(),
  state_topic: topic.optional(),
  value_template: template.optional(),
  // `cv.ensure_list`; options are compared with the rendered state, so each is a string.
  options: z.preprocess(
    (value) => (Array.isArray(value) ? value : [value]),
    z
      .array(z.preprocess(pythonString, z.string().max(255)))
      .min(1)
      .max(256),
  ),
  optimistic: z.boolean().default(false),
});

export type SelectConfig = z.output<typeof selectSchema>;

/** An MQTT select: `select_option` publishes the option and resolves when the device reports it. */
export class MqttSelect extends MqttStateCommandEntity<SelectConfig> implements SelectController {
  private current: string | null = null;

  constructor(ctx: EntityContext, entityId: string, config: SelectConfig, attributes: Attributes) {
    super(ctx, entityId, config, attributes, DEFAULT_NAME);
  }

  protected override get jsonAttributesBlocked(): ReadonlySet<string> {
    return ATTRIBUTES_BLOCKED;
  }

  protected receive(value: string): void {
    if (value.toLowerCase() === 'none') this.current = null;
    else if (this.config.options.includes(value)) this.current = value;
    else
      throw new PayloadError(
        `option "${value.slice(0, 64)}" is not one of ${this.config.options.join(', ')}`,
      );
  }

  protected stateValue(): string | null {
    return this.current;
  }

  selectOption(option: string, context: Context): Promise<void> {
    const payload = this.commandTemplate.render(option, option);
    return this.runCommand(
      context,
      () => this.publish(this.config.command_topic, payload),
      (state) => state === option,
      () => {
        this.current = option;
      },
    );
  }
}

export const selectComponent = defineComponent({
  component: 'select',
  domain: 'select',
  defaultName: DEFAULT_NAME,
  schemaFor: () => selectSchema,
  capabilities: (config) => ({ options: config.options }),
  create: (ctx, entityId, config, attributes) => {
    const entity = new MqttSelect(ctx, entityId, config, attributes);
    ctx.controllers.set('select', entityId, entity);
    return entity;
  },
});
