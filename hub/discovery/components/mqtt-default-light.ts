import type { LightTurnOffParams } from '../../domains/light-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { STATE_OFF } from '../../protocol/entity-state.ts';
import type { CompiledTemplate } from '../../template/compile-template.ts';
import { compileTemplate, renderValueTemplate } from '../../template/compile-template.ts';
import type { ColorMode, LightDefaultConfig } from '../discovery-schemas.ts';
import type { EntityContext } from '../entity-context.ts';
import { PayloadError } from '../mqtt-entity.ts';
import { miredToKelvin, pyRound, rgbwToRgb, rgbwwToRgb } from './light-color.ts';
import type { DefaultOptimistic } from './light-default-command.ts';
import { planDefaultTurnOn } from './light-default-command.ts';
import { LightEntity, pyFloatOf, pyIntOf } from './light-entity.ts';
import { lightExpectation } from './light-expectation.ts';
import type { LightColorMode, LightTraits, LightValues } from './light-model.ts';
import { brightnessTolerance, COLOR_MODES_COLOR, FEATURE_EFFECT, kelvinRange } from './light-model.ts';
import type { LightCommand } from './light-turn-on.ts';

const VALID_COLOR_MODES: ReadonlySet<string> = new Set([
  'unknown',
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

/**
 * What a default-schema light is: its colour modes follow from its command topics
 * (`MqttLight._setup_from_config`). A `white_command_topic` without a colour command topic is an
 * invalid config, as Home Assistant's `valid_supported_color_modes` has it.
 */
export function defaultLightTraits(config: LightDefaultConfig): LightTraits {
  const modes: ColorMode[] = [];
  if (config.color_temp_command_topic !== undefined) modes.push('color_temp');
  if (config.hs_command_topic !== undefined) modes.push('hs');
  if (config.rgb_command_topic !== undefined) modes.push('rgb');
  if (config.rgbw_command_topic !== undefined) modes.push('rgbw');
  if (config.rgbww_command_topic !== undefined) modes.push('rgbww');
  if (config.white_command_topic !== undefined) modes.push('white');
  if (config.xy_command_topic !== undefined) modes.push('xy');
  if (modes.length === 0) modes.push(config.brightness_command_topic !== undefined ? 'brightness' : 'onoff');
  if (modes.includes('white') && !modes.some((mode) => COLOR_MODES_COLOR.has(mode)))
    throw new Error('config.white_command_topic needs a colour command topic (hs, xy, rgb, rgbw or rgbww)');
  return {
    declaredModes: modes,
    modes,
    features: config.effect_command_topic !== undefined ? FEATURE_EFFECT : 0,
    ...kelvinRange(config),
    effectList: config.effect_list ?? null,
    assumedState: config.optimistic || config.state_topic === undefined,
  };
}

type ColorTemplate = 'rgb' | 'rgbw' | 'rgbww';

/**
 * A light with the `default` schema (https://www.home-assistant.io/integrations/light.mqtt/#default-schema),
 * as Tasmota and hand-written configs announce them: one topic per property, each read and written
 * as Home Assistant's `schema_basic.py` does, in its order. A property without a state topic is
 * optimistic: set when commanded, not waited for.
 */
export class MqttDefaultLight extends LightEntity<LightDefaultConfig> {
  private readonly optimisticOf: Readonly<Record<DefaultOptimistic, boolean>>;
  private readonly templates: Readonly<Record<string, CompiledTemplate | undefined>>;

  constructor(ctx: EntityContext, entityId: string, config: LightDefaultConfig, attributes: Attributes) {
    const traits = defaultLightTraits(config);
    super(ctx, entityId, config, attributes, traits, initialColorMode(traits));
    const o = config.optimistic;
    this.optimisticOf = {
      colorMode: o || config.color_mode_state_topic === undefined,
      rgb: o || config.rgb_state_topic === undefined,
      rgbw: o || config.rgbw_state_topic === undefined,
      rgbww: o || config.rgbww_state_topic === undefined,
      brightness:
        o ||
        (config.brightness_command_topic !== undefined && config.brightness_state_topic === undefined) ||
        (config.brightness_command_topic === undefined && config.rgb_state_topic === undefined),
      colorTemp: o || config.color_temp_state_topic === undefined,
      effect: o || config.effect_state_topic === undefined,
      hs: o || config.hs_state_topic === undefined,
      xy: o || config.xy_state_topic === undefined,
    };
    const compile = (source: string | undefined) =>
      source === undefined ? undefined : compileTemplate(source);
    this.templates = {
      state: compile(config.state_value_template),
      brightness: compile(config.brightness_value_template),
      colorMode: compile(config.color_mode_value_template),
      colorTemp: compile(config.color_temp_value_template),
      effect: compile(config.effect_value_template),
      hs: compile(config.hs_value_template),
      rgb: compile(config.rgb_value_template),
      rgbw: compile(config.rgbw_value_template),
      rgbww: compile(config.rgbww_value_template),
      xy: compile(config.xy_value_template),
      brightnessCommand: compile(config.brightness_command_template),
      colorTempCommand: compile(config.color_temp_command_template),
      effectCommand: compile(config.effect_command_template),
      hsCommand: compile(config.hs_command_template),
      rgbCommand: compile(config.rgb_command_template),
      rgbwCommand: compile(config.rgbw_command_template),
      rgbwwCommand: compile(config.rgbww_command_template),
      xyCommand: compile(config.xy_command_template),
    };
  }

  protected override get optimistic(): boolean {
    return this.traits.assumedState;
  }

  /** Subscribes `topic` through its value template; an empty result is ignored, as Home Assistant does. */
  private receive(topic: string | undefined, template: string, handle: (value: string) => void): void {
    if (topic === undefined) return;
    this.subscribe(topic, (payload) => {
      const compiled = this.templates[template];
      // Home Assistant strips what a template renders, not a raw payload.
      const value = compiled ? renderValueTemplate(compiled, payload).trim() : payload;
      if (value === '') return;
      handle(value);
      this.writeState();
    });
  }

  private update(next: Partial<LightValues>): void {
    this.values = { ...this.values, ...next };
  }

  protected subscribeTopics(): void {
    const c = this.config;
    this.receive(c.state_topic, 'state', (value) => {
      if (value === c.payload_on) this.update({ on: true });
      else if (value === c.payload_off) this.update({ on: false });
      else if (value === 'None') this.update({ on: null });
      else
        throw new PayloadError(
          `state "${value.slice(0, 64)}" is neither "${c.payload_on}" nor "${c.payload_off}"`,
        );
    });
    this.receive(c.brightness_state_topic, 'brightness', (value) => {
      const device = pyFloatOf(value);
      if (device === undefined) throw new PayloadError(`brightness "${value.slice(0, 64)}" is not a number`);
      if (device === 0) return; // "Ignoring zero brightness"
      this.update({ brightness: Math.min(pyRound((device / c.brightness_scale) * 255), 255) });
    });
    this.receive(c.rgb_state_topic, 'rgb', (value) => {
      const rgb = this.receiveRgbx(value, 'rgb', 3, (color) => color);
      if (rgb) this.update({ rgb: [rgb[0] ?? 0, rgb[1] ?? 0, rgb[2] ?? 0] });
    });
    this.receive(c.rgbw_state_topic, 'rgbw', (value) => {
      const rgbw = this.receiveRgbx(value, 'rgbw', 4, ([r = 0, g = 0, b = 0, w = 0]) =>
        rgbwToRgb(r, g, b, w),
      );
      if (rgbw) this.update({ rgbw: [rgbw[0] ?? 0, rgbw[1] ?? 0, rgbw[2] ?? 0, rgbw[3] ?? 0] });
    });
    this.receive(c.rgbww_state_topic, 'rgbww', (value) => {
      const { minKelvin, maxKelvin } = this.traits;
      const rgbww = this.receiveRgbx(value, 'rgbww', 5, ([r = 0, g = 0, b = 0, cw = 0, ww = 0]) =>
        rgbwwToRgb(r, g, b, cw, ww, minKelvin, maxKelvin),
      );
      if (rgbww)
        this.update({ rgbww: [rgbww[0] ?? 0, rgbww[1] ?? 0, rgbww[2] ?? 0, rgbww[3] ?? 0, rgbww[4] ?? 0] });
    });
    this.receive(c.color_mode_state_topic, 'colorMode', (value) => {
      if (!VALID_COLOR_MODES.has(value))
        throw new PayloadError(`color mode "${value.slice(0, 64)}" is not a color mode`);
      this.update({ colorMode: value as LightColorMode });
    });
    this.receive(c.color_temp_state_topic, 'colorTemp', (value) => {
      const number = pyIntOf(value);
      if (number === undefined)
        throw new PayloadError(`color temperature "${value.slice(0, 64)}" is not an integer`);
      if (!c.color_temp_kelvin && number === 0) throw new PayloadError('color temperature of 0 mireds');
      if (this.optimisticOf.colorMode) this.update({ colorMode: 'color_temp' });
      this.update({ colorTempKelvin: c.color_temp_kelvin ? number : miredToKelvin(number) });
    });
    this.receive(c.effect_state_topic, 'effect', (value) => this.update({ effect: value }));
    this.receive(c.hs_state_topic, 'hs', (value) => {
      const hs = parseFloats(value);
      if (hs?.length !== 2) throw new PayloadError(`hs "${value.slice(0, 64)}" is not "hue,saturation"`);
      if (this.optimisticOf.colorMode) this.update({ colorMode: 'hs' });
      this.update({ hs: [hs[0] ?? 0, hs[1] ?? 0] });
    });
    this.receive(c.xy_state_topic, 'xy', (value) => {
      const xy = parseFloats(value);
      if (xy?.length !== 2) throw new PayloadError(`xy "${value.slice(0, 64)}" is not "x,y"`);
      if (this.optimisticOf.colorMode) this.update({ colorMode: 'xy' });
      this.update({ xy: [xy[0] ?? 0, xy[1] ?? 0] });
    });
  }

  /**
   * `_rgbx_received`: "r,g,b[,…]". Without a brightness state topic the brightness is the colour's
   * brightest channel, and the colour is normalised to full brightness.
   */
  private receiveRgbx(
    value: string,
    mode: ColorTemplate,
    length: number,
    toRgb: (color: number[]) => readonly number[],
  ): number[] | undefined {
    const color = value.split(',').map((part) => pyIntOf(part));
    if (color.length !== length || color.some((channel) => channel === undefined))
      throw new PayloadError(`${mode} "${value.slice(0, 64)}" is not ${length} integers`);
    let channels = color as number[];
    if (this.optimisticOf.colorMode) this.update({ colorMode: mode });
    if (this.config.brightness_state_topic === undefined) {
      const brightness = Math.max(...toRgb(channels));
      if (brightness === 0) return undefined; // "Ignoring message with zero rgb brightness"
      this.update({ brightness });
      channels = channels.map((channel) => Math.min(pyRound((channel / brightness) * 255), 255));
    }
    return channels;
  }

  private render(template: string, value: unknown, variables: Record<string, unknown> = {}): string {
    const compiled = this.templates[template];
    if (!compiled) return String(value);
    return compiled.render({ value, entity_id: this.entityId, ...variables });
  }

  /** `async_turn_on`: one publish per property, in Home Assistant's order. */
  protected sendOn(command: LightCommand, context: Context): Promise<void> {
    const { publishes, update, target } = planDefaultTurnOn(
      this.config,
      command,
      this.values,
      this.optimisticOf,
      (template, value, variables) => this.render(template, value, variables),
    );
    const c = this.config;
    const changed = Object.keys(update).length > 0;
    return this.runCommand(
      context,
      () => {
        for (const [topic, payload] of publishes) this.publish(topic, payload);
        // Home Assistant writes the optimistic properties at once; a light that is already on may
        // have nothing else to report.
        if (changed && !this.optimistic) {
          this.update(update);
          this.writeState();
        }
      },
      lightExpectation(target, {
        brightness: brightnessTolerance(c.brightness_scale),
        minKelvin: this.traits.minKelvin,
        maxKelvin: this.traits.maxKelvin,
      }),
      () => this.update({ ...update, on: true }),
    );
  }

  protected sendOff(_params: LightTurnOffParams, context: Context): Promise<void> {
    return this.runCommand(
      context,
      () => this.publish(this.config.command_topic, this.config.payload_off),
      (state) => state === STATE_OFF,
      () => this.update({ on: false }),
    );
  }
}

/** One colour mode is the mode for good; several start `unknown` (white does not count, as it sets none). */
function initialColorMode(traits: LightTraits): LightColorMode {
  const modes = traits.modes;
  if (modes.length > 1) return 'unknown';
  return modes[0] === 'white' ? 'unknown' : (modes[0] ?? 'onoff');
}

/** `tuple(float(val) for val in payload.split(",", 2))`. */
function parseFloats(value: string): number[] | undefined {
  const parts = value.split(',');
  const head = parts.length > 3 ? [...parts.slice(0, 2), parts.slice(2).join(',')] : parts;
  const numbers = head.map((part) => pyFloatOf(part));
  return numbers.every((n) => n !== undefined) ? (numbers as number[]) : undefined;
}
