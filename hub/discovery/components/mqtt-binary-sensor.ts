import type { TimerHandle } from '../../core/clock.ts';
import { STATE_OFF, STATE_ON } from '../../protocol/entity-state.ts';
import { compileTemplate, renderValueTemplate } from '../../template/compile-template.ts';
import { defineComponent } from '../component-kind.ts';
import type { BinarySensorConfig } from '../discovery-schemas.ts';
import { binarySensorSchema } from '../discovery-schemas.ts';
import { MqttEntity, PayloadError } from '../mqtt-entity.ts';

/** https://www.home-assistant.io/integrations/binary_sensor.mqtt/ */
export class MqttBinarySensor extends MqttEntity<BinarySensorConfig> {
  private isOn: boolean | null = null;
  private offTimer: TimerHandle | undefined;
  private readonly valueTemplate = this.config.value_template
    ? compileTemplate(this.config.value_template)
    : undefined;

  protected subscribeTopics(): void {
    const { payload_on, payload_off } = this.config;
    this.subscribe(this.config.state_topic, (payload) => {
      const value = this.valueTemplate ? renderValueTemplate(this.valueTemplate, payload) : payload;
      if (value === payload_on) this.isOn = true;
      else if (value === payload_off) this.isOn = false;
      else if (value === 'None') this.isOn = null;
      else
        throw new PayloadError(
          `state "${value.slice(0, 64)}" is neither "${payload_on}" nor "${payload_off}"`,
        );
      this.scheduleOffDelay();
      this.writeState();
    });
  }

  override stop(): void {
    if (this.offTimer) this.ctx.clock.clearTimeout(this.offTimer);
    super.stop();
  }

  protected stateValue(): string | null {
    return this.isOn === null ? null : this.isOn ? STATE_ON : STATE_OFF;
  }

  /** `off_delay`: for sensors that only ever say "on" (motion, doorbells), turn off after a while. */
  private scheduleOffDelay(): void {
    if (this.offTimer) this.ctx.clock.clearTimeout(this.offTimer);
    this.offTimer = undefined;
    const seconds = this.config.off_delay;
    if (!seconds || !this.isOn) return;
    this.offTimer = this.ctx.clock.setTimeout(() => {
      this.isOn = false;
      this.writeState();
    }, seconds * 1000);
  }
}

export const binarySensorComponent = defineComponent({
  component: 'binary_sensor',
  domain: 'binary_sensor',
  defaultName: 'MQTT binary sensor',
  schemaFor: () => binarySensorSchema,
  capabilities: () => ({}),
  create: (ctx, entityId, config, attributes) => new MqttBinarySensor(ctx, entityId, config, attributes),
});
