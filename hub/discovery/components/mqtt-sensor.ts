import type { TimerHandle } from '../../core/clock.ts';
import { compileTemplate, renderValueTemplate } from '../../template/compile-template.ts';
import { defineComponent } from '../component-kind.ts';
import type { SensorConfig } from '../discovery-schemas.ts';
import { sensorSchema } from '../discovery-schemas.ts';
import { MqttEntity, PayloadError } from '../mqtt-entity.ts';

/** https://www.home-assistant.io/integrations/sensor.mqtt/ */
export class MqttSensor extends MqttEntity<SensorConfig> {
  private value: string | null = null;
  private expired = false;
  private expiry: TimerHandle | undefined;
  private readonly valueTemplate = this.config.value_template
    ? compileTemplate(this.config.value_template)
    : undefined;

  /** Home Assistant refuses non-numeric states for sensors with a unit or a state class. */
  private get numeric(): boolean {
    return this.config.unit_of_measurement !== undefined || this.config.state_class !== undefined;
  }

  protected subscribeTopics(): void {
    this.subscribe(this.config.state_topic, (payload) => {
      const value = (this.valueTemplate ? renderValueTemplate(this.valueTemplate, payload) : payload).trim();
      if (value === '' || value === 'None' || value === 'unknown') this.value = null;
      else if (this.numeric && !Number.isFinite(Number(value))) {
        throw new PayloadError(
          `state "${value.slice(0, 64)}" is not a number, and the sensor has a unit or state class`,
        );
      } else this.value = value.slice(0, 255);
      this.restartExpiry();
      this.writeState();
    });
  }

  override stop(): void {
    if (this.expiry) this.ctx.clock.clearTimeout(this.expiry);
    super.stop();
  }

  protected override get optimistic(): boolean {
    return false;
  }

  protected stateValue(): string | null {
    return this.expired ? 'unavailable' : this.value;
  }

  /** `expire_after`: no update for that many seconds makes the sensor unavailable. */
  private restartExpiry(): void {
    this.expired = false;
    const seconds = this.config.expire_after;
    if (!seconds) return;
    if (this.expiry) this.ctx.clock.clearTimeout(this.expiry);
    this.expiry = this.ctx.clock.setTimeout(() => {
      this.expired = true;
      this.writeState();
    }, seconds * 1000);
  }
}

export const sensorComponent = defineComponent({
  component: 'sensor',
  domain: 'sensor',
  defaultName: 'MQTT Sensor',
  schemaFor: () => sensorSchema,
  capabilities: (config) => ({
    ...(config.unit_of_measurement !== undefined && { unit_of_measurement: config.unit_of_measurement }),
    ...(config.state_class !== undefined && { state_class: config.state_class }),
  }),
  create: (ctx, entityId, config, attributes) => new MqttSensor(ctx, entityId, config, attributes),
});
