import type { LightController, LightTurnOffParams, LightTurnOnParams } from '../../domains/light-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { STATE_OFF, STATE_ON } from '../../protocol/entity-state.ts';
import { compileTemplate, renderValueTemplate } from '../../template/compile-template.ts';
import type { ColorMode, LightDefaultConfig } from '../discovery-schemas.ts';
import { MqttEntity, PayloadError } from '../mqtt-entity.ts';
import type { LightValues } from './light-model.ts';
import {
  brightnessTolerance,
  lightStateAttributes,
  supportedColorModes,
  supportsBrightness,
  toDeviceBrightness,
  toHaBrightness,
} from './light-model.ts';

/**
 * A light with the `default` schema (https://www.home-assistant.io/integrations/light.mqtt/#default-schema):
 * one topic per property. On/off and brightness here; colour topics come with the device issue.
 */
export class MqttDefaultLight extends MqttEntity<LightDefaultConfig> implements LightController {
  private values: LightValues = { on: null };
  private readonly modes: ColorMode[] = supportedColorModes(this.config);
  private readonly stateTemplate = this.config.state_value_template
    ? compileTemplate(this.config.state_value_template)
    : undefined;
  private readonly brightnessTemplate = this.config.brightness_value_template
    ? compileTemplate(this.config.brightness_value_template)
    : undefined;
  private readonly brightnessCommandTemplate = this.config.brightness_command_template
    ? compileTemplate(this.config.brightness_command_template)
    : undefined;

  protected override get optimistic(): boolean {
    return this.config.optimistic ?? this.config.state_topic === undefined;
  }

  protected subscribeTopics(): void {
    const { state_topic, brightness_state_topic, payload_on, payload_off, brightness_scale } = this.config;
    if (state_topic) {
      this.subscribe(state_topic, (payload) => {
        const value = this.stateTemplate ? renderValueTemplate(this.stateTemplate, payload) : payload;
        if (value === payload_on) this.values = { ...this.values, on: true };
        else if (value === payload_off) this.values = { ...this.values, on: false };
        else if (value === 'None') this.values = { ...this.values, on: null };
        else
          throw new PayloadError(
            `state "${value.slice(0, 64)}" is neither "${payload_on}" nor "${payload_off}"`,
          );
        this.writeState();
      });
    }
    if (brightness_state_topic && supportsBrightness(this.modes)) {
      this.subscribe(brightness_state_topic, (payload) => {
        const value = this.brightnessTemplate
          ? renderValueTemplate(this.brightnessTemplate, payload)
          : payload;
        const brightness = Number(value);
        if (!Number.isFinite(brightness))
          throw new PayloadError(`brightness "${value.slice(0, 64)}" is not a number`);
        this.values = { ...this.values, brightness: toHaBrightness(brightness, brightness_scale) };
        this.writeState();
      });
    }
  }

  protected stateValue(): string | null {
    return this.values.on === null ? null : this.values.on ? STATE_ON : STATE_OFF;
  }

  protected override stateAttributes(): Attributes {
    return lightStateAttributes(this.values, this.modes);
  }

  turnOn(params: LightTurnOnParams, context: Context): Promise<void> {
    if (params.brightness === 0) return this.turnOff({}, context);
    const { command_topic, brightness_command_topic, payload_on, brightness_scale, on_command_type } =
      this.config;
    const brightness =
      brightness_command_topic && supportsBrightness(this.modes) ? params.brightness : undefined;
    const send = () => {
      // on_command_type: `first` sends ON before the brightness, `last` after it, `brightness` only the brightness.
      const sendOn = on_command_type !== 'brightness' || brightness === undefined;
      if (sendOn && on_command_type === 'first') this.publish(command_topic, payload_on);
      if (brightness !== undefined && brightness_command_topic) {
        const deviceValue = toDeviceBrightness(brightness, brightness_scale);
        const payload = this.brightnessCommandTemplate
          ? this.brightnessCommandTemplate.render({ value: deviceValue })
          : String(deviceValue);
        this.publish(brightness_command_topic, payload);
      }
      if (sendOn && on_command_type !== 'first') this.publish(command_topic, payload_on);
    };
    const tolerance = brightnessTolerance(brightness_scale);
    // Without a brightness state topic, the device cannot confirm a brightness: the state confirms.
    const checkBrightness = brightness !== undefined && this.config.brightness_state_topic !== undefined;
    return this.runCommand(
      context,
      send,
      (state, attributes) =>
        state === STATE_ON &&
        (!checkBrightness || Math.abs(Number(attributes.brightness) - (brightness ?? 0)) <= tolerance),
      () => {
        this.values = { ...this.values, on: true, ...(brightness !== undefined && { brightness }) };
      },
    );
  }

  turnOff(_params: LightTurnOffParams, context: Context): Promise<void> {
    return this.runCommand(
      context,
      () => this.publish(this.config.command_topic, this.config.payload_off),
      (state) => state === STATE_OFF,
      () => {
        this.values = { ...this.values, on: false };
      },
    );
  }
}
