import type { LightController, LightTurnOffParams, LightTurnOnParams } from '../../domains/light-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { STATE_OFF, STATE_ON } from '../../protocol/entity-state.ts';
import type { ColorMode, LightJsonConfig } from '../discovery-schemas.ts';
import { MqttEntity, PayloadError } from '../mqtt-entity.ts';
import type { LightValues } from './light-model.ts';
import {
  brightnessTolerance,
  lightCapabilities,
  lightStateAttributes,
  supportedColorModes,
  supportsBrightness,
  toDeviceBrightness,
  toHaBrightness,
} from './light-model.ts';

const COLOR_MODES: ReadonlySet<string> = new Set([
  'onoff',
  'brightness',
  'color_temp',
  'hs',
  'xy',
  'rgb',
  'rgbw',
  'rgbww',
  'white',
]);

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * A light with the `json` schema, as Zigbee2MQTT, Tasmota and ESPHome send them
 * (https://www.home-assistant.io/integrations/light.mqtt/#json-schema): the whole state in one
 * JSON object, commands as one JSON object.
 */
export class MqttJsonLight extends MqttEntity<LightJsonConfig> implements LightController {
  private values: LightValues = { on: null };
  private readonly modes: ColorMode[] = supportedColorModes(this.config);

  static capabilities(config: LightJsonConfig): Record<string, unknown> {
    return lightCapabilities(config, supportedColorModes(config));
  }

  protected override get optimistic(): boolean {
    return this.config.optimistic ?? this.config.state_topic === undefined;
  }

  protected subscribeTopics(): void {
    const topic = this.config.state_topic;
    if (!topic) return;
    this.subscribe(topic, (payload) => {
      let json: unknown;
      try {
        json = JSON.parse(payload);
      } catch {
        throw new PayloadError('state is not JSON');
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json))
        throw new PayloadError('state is not a JSON object');
      this.values = this.parse(json as Record<string, unknown>);
      this.writeState();
    });
  }

  private parse(report: Record<string, unknown>): LightValues {
    const next: LightValues = { ...this.values };
    if (report.state === 'ON') next.on = true;
    else if (report.state === 'OFF') next.on = false;
    else if (report.state === null) next.on = null;
    const brightness = num(report.brightness);
    if (brightness !== undefined && supportsBrightness(this.modes))
      next.brightness = toHaBrightness(brightness, this.config.brightness_scale);
    if (typeof report.color_mode === 'string' && COLOR_MODES.has(report.color_mode))
      next.colorMode = report.color_mode as ColorMode;
    const mireds = num(report.color_temp);
    if (mireds !== undefined && mireds > 0) next.colorTempKelvin = Math.round(1e6 / mireds);
    const color = report.color;
    if (typeof color === 'object' && color !== null) {
      const c = color as Record<string, unknown>;
      const h = num(c.h);
      const s = num(c.s);
      if (h !== undefined && s !== undefined) next.hs = [h, s];
      const r = num(c.r);
      const g = num(c.g);
      const b = num(c.b);
      if (r !== undefined && g !== undefined && b !== undefined) next.rgb = [r, g, b];
      const x = num(c.x);
      const y = num(c.y);
      if (x !== undefined && y !== undefined) next.xy = [x, y];
    }
    if (typeof report.effect === 'string') next.effect = report.effect;
    return next;
  }

  protected stateValue(): string | null {
    return this.values.on === null ? null : this.values.on ? STATE_ON : STATE_OFF;
  }

  protected override stateAttributes(): Attributes {
    return lightStateAttributes(this.values, this.modes);
  }

  turnOn(params: LightTurnOnParams, context: Context): Promise<void> {
    // Home Assistant turns a light off when asked to turn it on at brightness 0.
    if (params.brightness === 0)
      return this.turnOff(
        { ...(params.transition !== undefined && { transition: params.transition }) },
        context,
      );
    const scale = this.config.brightness_scale;
    const command: Record<string, unknown> = { state: 'ON' };
    const requested: LightValues = { on: true };
    if (params.brightness !== undefined && supportsBrightness(this.modes)) {
      command.brightness = toDeviceBrightness(params.brightness, scale);
      requested.brightness = params.brightness;
    }
    if (params.color_temp_kelvin !== undefined && this.modes.includes('color_temp')) {
      command.color_temp = Math.round(1e6 / params.color_temp_kelvin);
      requested.colorTempKelvin = params.color_temp_kelvin;
      requested.colorMode = 'color_temp';
    }
    if (params.hs_color !== undefined && this.modes.includes('hs')) {
      command.color = { h: params.hs_color[0], s: params.hs_color[1] };
      requested.hs = params.hs_color;
      requested.colorMode = 'hs';
    } else if (params.rgb_color !== undefined && this.modes.includes('rgb')) {
      const [r, g, b] = params.rgb_color;
      command.color = { r, g, b };
      requested.rgb = params.rgb_color;
      requested.colorMode = 'rgb';
    }
    if (params.effect !== undefined) command.effect = params.effect;
    if (params.transition !== undefined) command.transition = params.transition;

    const tolerance = brightnessTolerance(scale);
    return this.runCommand(
      context,
      () => this.publish(this.config.command_topic, JSON.stringify(command)),
      (state, attributes) =>
        state === STATE_ON &&
        (requested.brightness == null ||
          Math.abs(Number(attributes.brightness) - requested.brightness) <= tolerance),
      () => {
        this.values = { ...this.values, ...requested };
      },
    );
  }

  turnOff(params: LightTurnOffParams, context: Context): Promise<void> {
    const command: Record<string, unknown> = { state: 'OFF' };
    if (params.transition !== undefined) command.transition = params.transition;
    return this.runCommand(
      context,
      () => this.publish(this.config.command_topic, JSON.stringify(command)),
      (state) => state === STATE_OFF,
      () => {
        this.values = { ...this.values, on: false };
      },
    );
  }
}
