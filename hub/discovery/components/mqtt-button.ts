import { z } from 'zod';
import type { ButtonController } from '../../domains/button-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { defineComponent } from '../component-kind.ts';
import { commonFields, payload, template, topic } from '../discovery-schemas.ts';
import type { EntityContext } from '../entity-context.ts';
import { MqttEntity } from '../mqtt-entity.ts';
import { deviceClassOf } from './discovery-coercions.ts';
import { CommandTemplate } from './mqtt-templates.ts';

const DEFAULT_NAME = 'MQTT Button';

/** https://www.home-assistant.io/integrations/button.mqtt/ and homeassistant/components/mqtt/button.py. */
export const buttonSchema = z.looseObject({
  ...commonFields,
  device_class: deviceClassOf(['identify', 'restart', 'update']),
  command_topic: topic,
  command_template: template.optional(),
  payload_press: payload('PRESS'),
});

export type ButtonConfig = z.output<typeof buttonSchema>;

/**
 * An MQTT button. Its state is the time of the last press (ButtonEntity), unknown before; a press
 * sets it with the call's context and publishes `payload_press` through `command_template`.
 */
export class MqttButton extends MqttEntity<ButtonConfig> implements ButtonController {
  private lastPressed: string | null = null;
  private readonly commandTemplate: CommandTemplate;

  constructor(ctx: EntityContext, entityId: string, config: ButtonConfig, attributes: Attributes) {
    super(ctx, entityId, config, attributes);
    const owner = { entityId, name: config.name === undefined ? DEFAULT_NAME : config.name };
    this.commandTemplate = new CommandTemplate(config.command_template, owner);
  }

  protected subscribeTopics(): void {}

  protected stateValue(): string | null {
    return this.lastPressed;
  }

  async press(context: Context): Promise<void> {
    // Rendered first: a failing template fails the press before the state changes.
    const payload = this.commandTemplate.render(this.config.payload_press, this.config.payload_press);
    // ButtonEntity writes the new state, then calls async_press, which publishes.
    this.lastPressed = pythonIsoformat(this.ctx.clock.now());
    this.writeState(context);
    this.publish(this.config.command_topic, payload);
  }
}

/** Python's `datetime.isoformat()` of an aware UTC time: microseconds only when not zero. */
function pythonIsoformat(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.123Z
  const fraction = iso.slice(19, 23) === '.000' ? '' : `${iso.slice(19, 23)}000`;
  return `${iso.slice(0, 19)}${fraction}+00:00`;
}

export const buttonComponent = defineComponent({
  component: 'button',
  domain: 'button',
  defaultName: DEFAULT_NAME,
  schemaFor: () => buttonSchema,
  capabilities: () => ({}),
  create: (ctx, entityId, config, attributes) => {
    const entity = new MqttButton(ctx, entityId, config, attributes);
    ctx.controllers.set('button', entityId, entity);
    return entity;
  },
});
