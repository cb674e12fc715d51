import type { LightTurnOffParams } from '../../domains/light-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { STATE_OFF } from '../../protocol/entity-state.ts';
import type { ColorMode, LightJsonConfig } from '../discovery-schemas.ts';
import type { EntityContext } from '../entity-context.ts';
import { PayloadError } from '../mqtt-entity.ts';
import {
  brightnessToValue,
  kelvinToMired,
  miredToKelvin,
  pyRound,
  valueToBrightness,
} from './light-color.ts';
import { LightEntity, pyFloatOf, pyIntOf } from './light-entity.ts';
import type { LightTarget } from './light-expectation.ts';
import { lightExpectation } from './light-expectation.ts';
import type { LightColorMode, LightTraits, LightValues } from './light-model.ts';
import {
  brightnessSupported,
  brightnessTolerance,
  FEATURE_EFFECT,
  FEATURE_FLASH,
  FEATURE_TRANSITION,
  kelvinRange,
} from './light-model.ts';
import { PyFloat, pythonJson } from './light-payload.ts';
import type { LightCommand } from './light-turn-on.ts';

/** What a json light is, from its config (`MqttLightJson._setup_from_config`). */
export function jsonLightTraits(config: LightJsonConfig): LightTraits {
  const declaredModes =
    config.supported_color_modes ?? (config.brightness ? (['brightness'] as const) : null);
  return {
    declaredModes: declaredModes ? [...declaredModes] : null,
    modes: declaredModes ? [...declaredModes] : ['onoff'],
    features:
      (config.effect ? FEATURE_EFFECT : 0) |
      (config.flash ? FEATURE_FLASH : 0) |
      (config.transition ? FEATURE_TRANSITION : 0),
    ...kelvinRange(config),
    effectList: config.effect_list ?? null,
    assumedState: config.optimistic || config.state_topic === undefined,
  };
}

/** A single declared mode is the colour mode for good; several start `unknown` until the light reports one. */
function initialColorMode(config: LightJsonConfig): LightColorMode | null {
  const modes = config.supported_color_modes;
  if (!modes) return null;
  return modes.length === 1 ? (modes[0] ?? null) : 'unknown';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A light with the `json` schema, as Zigbee2MQTT and ESPHome announce them
 * (https://www.home-assistant.io/integrations/light.mqtt/#json-schema): the whole state in one JSON
 * object, each command one JSON object, read and built as Home Assistant's `schema_json.py` does.
 */
export class MqttJsonLight extends LightEntity<LightJsonConfig> {
  constructor(ctx: EntityContext, entityId: string, config: LightJsonConfig, attributes: Attributes) {
    super(ctx, entityId, config, attributes, jsonLightTraits(config), initialColorMode(config));
  }

  protected override get optimistic(): boolean {
    return this.traits.assumedState;
  }

  private supports(mode: unknown): mode is ColorMode {
    return this.traits.declaredModes?.includes(mode as ColorMode) ?? false;
  }

  protected subscribeTopics(): void {
    const topic = this.config.state_topic;
    if (!topic) return;
    this.subscribe(topic, (payload) => {
      let report: unknown;
      try {
        report = JSON.parse(payload);
      } catch {
        throw new PayloadError(`state is not JSON: "${payload.slice(0, 64)}"`);
      }
      if (!isObject(report)) throw new PayloadError('state is not a JSON object');
      // Home Assistant reads values["state"] first, and drops a message without it.
      if (!Object.hasOwn(report, 'state')) throw new PayloadError('state has no "state" key');
      this.values = this.parse(report);
      this.writeState();
    });
  }

  /** `_state_received`. */
  private parse(report: Record<string, unknown>): LightValues {
    const next: LightValues = { ...this.values };
    if (report.state === 'ON') next.on = true;
    else if (report.state === 'OFF') next.on = false;
    else if (report.state === null) next.on = null;

    if (Object.hasOwn(report, 'color_mode')) this.parseColor(report, next);

    if (brightnessSupported(this.traits.declaredModes) && Object.hasOwn(report, 'brightness')) {
      const brightness = report.brightness;
      // A falsy brightness (0, null) is ignored; a number scales; anything else is logged.
      if (typeof brightness === 'number' && brightness !== 0)
        next.brightness = valueToBrightness(this.config.brightness_scale, brightness);
      else if (brightness === true) next.brightness = valueToBrightness(this.config.brightness_scale, 1);
      else if (brightness !== 0 && brightness !== null && brightness !== false && brightness !== '')
        this.warn(`invalid brightness value ${JSON.stringify(brightness)?.slice(0, 64)}`);
    }

    // Home Assistant tests `supported_features and EFFECT`, which is any feature at all.
    if (this.traits.features && Object.hasOwn(report, 'effect')) {
      const effect = report.effect;
      next.effect = typeof effect === 'string' ? effect : effect == null ? null : JSON.stringify(effect);
    }
    return next;
  }

  /** `_update_color`: the colour of the mode the light reports, if it is one of its modes. */
  private parseColor(report: Record<string, unknown>, next: LightValues): void {
    const mode = report.color_mode;
    if (!this.supports(mode)) {
      this.warn(`invalid color mode ${JSON.stringify(mode)?.slice(0, 64)} received`);
      return;
    }
    const color = this.readColor(mode, report);
    if (color) Object.assign(next, color, { colorMode: mode });
    else this.warn(`invalid or incomplete color value in ${JSON.stringify(report).slice(0, 128)}`);
  }

  /** The colour of one mode from a report: `int()` channels, `float()` coordinates; undefined where Python raises. */
  private readColor(mode: ColorMode, report: Record<string, unknown>): Partial<LightValues> | undefined {
    const color = isObject(report.color) ? report.color : {};
    const read = (parse: (value: unknown) => number | undefined, ...keys: string[]) => {
      const values = keys.map((key) => parse(color[key]));
      return values.every((value) => value !== undefined) ? (values as number[]) : undefined;
    };
    switch (mode) {
      case 'color_temp': {
        const value = report.color_temp;
        if (typeof value !== 'number') return undefined;
        if (!this.config.color_temp_kelvin && value === 0) throw new PayloadError('color_temp of 0 mireds');
        return { colorTempKelvin: this.config.color_temp_kelvin ? value : miredToKelvin(value) };
      }
      case 'hs': {
        const [h, s] = read(pyFloatOf, 'h', 's') ?? [];
        return h === undefined || s === undefined ? undefined : { hs: [h, s] };
      }
      case 'xy': {
        const [x, y] = read(pyFloatOf, 'x', 'y') ?? [];
        return x === undefined || y === undefined ? undefined : { xy: [x, y] };
      }
      case 'rgb': {
        const [r, g, b] = read(pyIntOf, 'r', 'g', 'b') ?? [];
        return r === undefined || g === undefined || b === undefined ? undefined : { rgb: [r, g, b] };
      }
      case 'rgbw': {
        const [r, g, b, w] = read(pyIntOf, 'r', 'g', 'b', 'w') ?? [];
        return r === undefined || g === undefined || b === undefined || w === undefined
          ? undefined
          : { rgbw: [r, g, b, w] };
      }
      case 'rgbww': {
        const [r, g, b, c, w] = read(pyIntOf, 'r', 'g', 'b', 'c', 'w') ?? [];
        return r === undefined || g === undefined || b === undefined || c === undefined || w === undefined
          ? undefined
          : { rgbww: [r, g, b, c, w] };
      }
      default:
        // white, brightness, onoff: the mode alone.
        return {};
    }
  }

  /** `async_turn_on`: the JSON command, its keys in Home Assistant's order. */
  protected sendOn(command: LightCommand, context: Context): Promise<void> {
    const kwargs = { ...command };
    const message: Record<string, unknown> = { state: 'ON' };
    const update: Partial<LightValues> = { on: true };
    const target: LightTarget = {};

    if (kwargs.hs_color && this.supports('hs')) {
      const [h, s] = kwargs.hs_color;
      message.color = { h: new PyFloat(h), s: new PyFloat(s) };
      Object.assign(update, { colorMode: 'hs', hs: kwargs.hs_color });
      Object.assign(target, { colorMode: 'hs', hs: kwargs.hs_color });
    }
    if (kwargs.rgb_color && this.supports('rgb')) {
      const [r, g, b] = this.scaleRgbxx(kwargs.rgb_color, kwargs);
      message.color = { r, g, b };
      Object.assign(update, { colorMode: 'rgb', rgb: [r, g, b] });
      Object.assign(target, { colorMode: 'rgb', rgb: [r, g, b] });
    }
    if (kwargs.rgbw_color && this.supports('rgbw')) {
      const [r, g, b, w] = this.scaleRgbxx(kwargs.rgbw_color, kwargs);
      message.color = { r, g, b, w };
      Object.assign(update, { colorMode: 'rgbw', rgbw: [r, g, b, w] });
      Object.assign(target, { colorMode: 'rgbw', rgbw: [r, g, b, w] });
    }
    if (kwargs.rgbww_color && this.supports('rgbww')) {
      const [r, g, b, c, w] = this.scaleRgbxx(kwargs.rgbww_color, kwargs);
      message.color = { r, g, b, c, w };
      Object.assign(update, { colorMode: 'rgbww', rgbww: [r, g, b, c, w] });
      Object.assign(target, { colorMode: 'rgbww', rgbww: [r, g, b, c, w] });
    }
    if (kwargs.xy_color && this.supports('xy')) {
      const [x, y] = kwargs.xy_color;
      message.color = { x: new PyFloat(x), y: new PyFloat(y) };
      Object.assign(update, { colorMode: 'xy', xy: kwargs.xy_color });
      Object.assign(target, { colorMode: 'xy', xy: kwargs.xy_color });
    }
    this.setFlashAndTransition(message, kwargs);
    if (kwargs.brightness !== undefined && brightnessSupported(this.traits.declaredModes)) {
      const value = brightnessToValue(this.config.brightness_scale, kwargs.brightness);
      // "Make sure the brightness is not rounded down to 0."
      message.brightness = Math.max(pyRound(value), 1);
      update.brightness = kwargs.brightness;
      target.brightness = kwargs.brightness;
    }
    if (kwargs.color_temp_kelvin !== undefined) {
      const kelvin = kwargs.color_temp_kelvin;
      message.color_temp = this.config.color_temp_kelvin ? kelvin : kelvinToMired(kelvin);
      Object.assign(update, { colorMode: 'color_temp', colorTempKelvin: kelvin, hs: null });
      Object.assign(target, { colorMode: 'color_temp', colorTempKelvin: kelvin });
    }
    if (kwargs.effect !== undefined) {
      message.effect = kwargs.effect;
      update.effect = kwargs.effect;
    }
    if (kwargs.white !== undefined && this.supports('white')) {
      const scale = this.config.white_scale;
      message.white = Math.max(Math.min(pyRound((kwargs.white / 255) * scale), scale), 1);
      Object.assign(update, { colorMode: 'white', brightness: kwargs.white });
      Object.assign(target, { colorMode: 'white', brightness: kwargs.white });
    }

    const payload = pythonJson(message);
    return this.runCommand(
      context,
      () => this.publish(this.config.command_topic, payload),
      lightExpectation(target, {
        brightness: brightnessTolerance(this.config.brightness_scale),
        minKelvin: this.traits.minKelvin,
        maxKelvin: this.traits.maxKelvin,
      }),
      () => {
        this.values = { ...this.values, ...update };
      },
    );
  }

  protected sendOff(params: LightTurnOffParams, context: Context): Promise<void> {
    const message: Record<string, unknown> = { state: 'OFF' };
    this.setFlashAndTransition(message, params);
    const payload = pythonJson(message);
    return this.runCommand(
      context,
      () => this.publish(this.config.command_topic, payload),
      (state) => state === STATE_OFF,
      () => {
        this.values = { ...this.values, on: false };
      },
    );
  }

  private setFlashAndTransition(message: Record<string, unknown>, params: LightTurnOffParams): void {
    if (params.transition !== undefined) message.transition = new PyFloat(params.transition);
    if (params.flash === 'long') message.flash = this.config.flash_time_long;
    else if (params.flash === 'short') message.flash = this.config.flash_time_short;
  }

  /**
   * `_scale_rgbxx`: a light that declares `brightness` takes colour and brightness apart; one that
   * does not gets the colour dimmed, and no brightness key.
   */
  private scaleRgbxx(color: readonly number[], kwargs: LightCommand): number[] {
    let brightness = 255;
    if (!this.config.brightness) {
      brightness = kwargs.brightness ?? 255;
      delete kwargs.brightness;
    }
    return color.map((channel) => pyRound((channel / 255) * brightness));
  }
}
