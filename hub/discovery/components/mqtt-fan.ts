import type { FanController, FanDirection, FanTurnOnParams } from '../../domains/fan-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { STATE_OFF, STATE_ON } from '../../protocol/entity-state.ts';
import { defineComponent } from '../component-kind.ts';
import type { FanConfig, FanValues } from './fan-schema.ts';
import {
  fanCapabilities,
  fanSchema,
  fanStateAttributes,
  percentageToRangedValue,
  speedRange,
} from './fan-schema.ts';
import type { FanTemplateKey } from './fan-topics.ts';
import { FAN_TEMPLATE_KEYS, listenFanTopics } from './fan-topics.ts';
import type { PropertyChange, Publish } from './mqtt-property-entity.ts';
import { MqttPropertyEntity } from './mqtt-property-entity.ts';
import { MqttTemplates } from './mqtt-templates.ts';

/**
 * https://www.home-assistant.io/integrations/fan.mqtt/: on/off on `command_topic`, and a topic
 * per property — speed as a percentage scaled to the device's `speed_range_min..max`, preset,
 * oscillation, direction — each optimistic when it has no state topic.
 */
export class MqttFan extends MqttPropertyEntity<FanConfig> implements FanController {
  protected readonly defaultName = 'MQTT Fan';
  private readonly values: FanValues = {
    on: null,
    percentage: null,
    speed: null,
    presetMode: null,
    // MqttFan starts oscillation at False when it has a state topic for it.
    oscillating: this.config.oscillation_state_topic ? false : null,
    direction: null,
  };
  private readonly templates = new MqttTemplates<FanTemplateKey>(
    Object.fromEntries(FAN_TEMPLATE_KEYS.map((key) => [key, this.config[key]])),
    this.templateOwner(),
    () => this.templateVariables(),
  );

  protected stateValue(): string | null {
    return this.values.on === null ? null : this.values.on ? STATE_ON : STATE_OFF;
  }

  protected override stateAttributes(): Attributes {
    return fanStateAttributes(this.values, this.config);
  }

  protected listenTopics(): void {
    const { config, values, templates } = this;
    listenFanTopics({ config, values, templates }, (topic, handler) => this.listen(topic, handler));
  }

  /** MqttFan.async_turn_on: ON first, then the percentage and the preset mode when given. */
  turnOn(params: FanTurnOnParams, context: Context): Promise<void> {
    return this.run(context, (publishes) => {
      const changes = [this.onOff(true, publishes)];
      // `if percentage:` and `if preset_mode:` — 0 and "" add nothing.
      if (params.percentage) changes.push(this.percentageChange(params.percentage, publishes));
      if (params.preset_mode) changes.push(this.presetChange(params.preset_mode, publishes));
      return changes;
    });
  }

  turnOff(context: Context): Promise<void> {
    return this.run(context, (publishes) => [this.onOff(false, publishes)]);
  }

  /** MqttFan.async_set_percentage: percentage 0 sends the bottom of the range; it does not turn off. */
  setPercentage(percentage: number, context: Context): Promise<void> {
    return this.run(context, (publishes) => [this.percentageChange(percentage, publishes)]);
  }

  setPresetMode(presetMode: string, context: Context): Promise<void> {
    return this.run(context, (publishes) => [this.presetChange(presetMode, publishes)]);
  }

  oscillate(oscillating: boolean, context: Context): Promise<void> {
    return this.run(context, (publishes) => {
      const { payload_oscillation_on: on, payload_oscillation_off: off } = this.config;
      const payload = oscillating ? on : off;
      this.publishTo(
        this.config.oscillation_command_topic,
        'oscillation_command_template',
        payload,
        payload,
        publishes,
      );
      return [
        this.change(
          this.config.oscillation_state_topic,
          () => {
            this.values.oscillating = oscillating;
          },
          () => this.values.oscillating === oscillating,
        ),
      ];
    });
  }

  setDirection(direction: FanDirection, context: Context): Promise<void> {
    return this.run(context, (publishes) => {
      this.publishTo(
        this.config.direction_command_topic,
        'direction_command_template',
        direction,
        direction,
        publishes,
      );
      return [
        this.change(
          this.config.direction_state_topic,
          () => {
            this.values.direction = direction;
          },
          () => this.values.direction === direction,
        ),
      ];
    });
  }

  private onOff(on: boolean, publishes: Publish[]): PropertyChange {
    const payload = on ? this.config.payload_on : this.config.payload_off;
    this.publishTo(this.config.command_topic, 'command_template', payload, payload, publishes);
    return this.change(
      this.config.state_topic,
      () => {
        this.values.on = on;
      },
      () => this.values.on === on,
    );
  }

  private percentageChange(percentage: number, publishes: Publish[]): PropertyChange {
    const speed = Math.ceil(percentageToRangedValue(speedRange(this.config), percentage));
    this.publishTo(
      this.config.percentage_command_topic,
      'percentage_command_template',
      speed,
      String(speed),
      publishes,
    );
    return this.change(
      this.config.percentage_state_topic,
      () => {
        this.values.percentage = percentage;
      },
      () => this.values.speed === speed,
    );
  }

  private presetChange(presetMode: string, publishes: Publish[]): PropertyChange {
    const topic = this.config.preset_mode_command_topic;
    this.publishTo(topic, 'preset_mode_command_template', presetMode, presetMode, publishes);
    return this.change(
      this.config.preset_mode_state_topic,
      () => {
        this.values.presetMode = presetMode;
      },
      () => this.values.presetMode === presetMode,
    );
  }

  /** A property with no state topic, or any under `optimistic: true`, is optimistic. */
  private isOptimistic(stateTopic: string | undefined): boolean {
    return this.config.optimistic || stateTopic === undefined;
  }

  private change(
    stateTopic: string | undefined,
    apply: () => void,
    confirmed: () => boolean,
  ): PropertyChange {
    return { optimistic: this.isOptimistic(stateTopic), apply, confirmed };
  }

  private publishTo(
    topic: string | undefined,
    key: FanTemplateKey,
    value: string | number,
    raw: string,
    publishes: Publish[],
  ): void {
    if (topic !== undefined) publishes.push([topic, this.templates.command(key, value, raw)]);
  }
}

export const fanComponent = defineComponent<FanConfig>({
  component: 'fan',
  domain: 'fan',
  defaultName: 'MQTT Fan',
  schemaFor: () => fanSchema,
  capabilities: fanCapabilities,
  create: (ctx, entityId, config, attributes) => {
    const entity = new MqttFan(ctx, entityId, config, attributes);
    ctx.controllers.set('fan', entityId, entity);
    return entity;
  },
});
