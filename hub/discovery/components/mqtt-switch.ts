import { HubError } from '../../core/hub-error.ts';
import type { SwitchController } from '../../domains/switch-services.ts';
import type { Context } from '../../protocol/entity-state.ts';
import { STATE_OFF, STATE_ON } from '../../protocol/entity-state.ts';
import { compileTemplate, renderValueTemplate } from '../../template/compile-template.ts';
import { defineComponent } from '../component-kind.ts';
import type { SwitchConfig } from '../discovery-schemas.ts';
import { switchSchema } from '../discovery-schemas.ts';
import { MqttEntity, PayloadError } from '../mqtt-entity.ts';

/** https://www.home-assistant.io/integrations/switch.mqtt/ */
export class MqttSwitch extends MqttEntity<SwitchConfig> implements SwitchController {
  private isOn: boolean | null = null;
  private readonly valueTemplate = this.config.value_template
    ? compileTemplate(this.config.value_template)
    : undefined;

  protected override get optimistic(): boolean {
    return this.config.optimistic ?? this.config.state_topic === undefined;
  }

  protected subscribeTopics(): void {
    const { state_topic, payload_on, payload_off } = this.config;
    if (!state_topic) return;
    const stateOn = this.config.state_on ?? payload_on;
    const stateOff = this.config.state_off ?? payload_off;
    this.subscribe(state_topic, (payload) => {
      const value = this.valueTemplate ? renderValueTemplate(this.valueTemplate, payload) : payload;
      if (value === stateOn) this.isOn = true;
      else if (value === stateOff) this.isOn = false;
      else if (value === 'None') this.isOn = null;
      else throw new PayloadError(`state "${value.slice(0, 64)}" is neither "${stateOn}" nor "${stateOff}"`);
      this.writeState();
    });
  }

  protected stateValue(): string | null {
    return this.isOn === null ? null : this.isOn ? STATE_ON : STATE_OFF;
  }

  turnOn(context: Context): Promise<void> {
    return this.switchTo(true, context);
  }

  turnOff(context: Context): Promise<void> {
    return this.switchTo(false, context);
  }

  private switchTo(on: boolean, context: Context): Promise<void> {
    const topic = this.config.command_topic;
    if (!topic)
      return Promise.reject(new HubError('home_assistant_error', `${this.entityId} has no command topic`));
    const target = on ? STATE_ON : STATE_OFF;
    return this.runCommand(
      context,
      () => this.publish(topic, on ? this.config.payload_on : this.config.payload_off),
      (state) => state === target,
      () => {
        this.isOn = on;
      },
    );
  }
}

export const switchComponent = defineComponent({
  component: 'switch',
  domain: 'switch',
  defaultName: 'MQTT Switch',
  schemaFor: () => switchSchema,
  capabilities: () => ({}),
  create: (ctx, entityId, config, attributes) => {
    const entity = new MqttSwitch(ctx, entityId, config, attributes);
    ctx.controllers.set('switch', entityId, entity);
    return entity;
  },
});
