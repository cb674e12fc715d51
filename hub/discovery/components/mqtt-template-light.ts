import type { LightTurnOffParams } from '../../domains/light-services.ts';
import type { Attributes, Context } from '../../protocol/entity-state.ts';
import { STATE_OFF } from '../../protocol/entity-state.ts';
import type { CompiledTemplate } from '../../template/compile-template.ts';
import { compileTemplate, renderValueTemplate } from '../../template/compile-template.ts';
import type { ColorMode, LightTemplateConfig } from '../discovery-schemas.ts';
import type { EntityContext } from '../entity-context.ts';
import { hsvToRgb, kelvinToMired, miredToKelvin, rgbToHs } from './light-color.ts';
import { LightEntity, pyIntOf } from './light-entity.ts';
import type { LightTarget } from './light-expectation.ts';
import { lightExpectation } from './light-expectation.ts';
import type { LightTraits, LightValues } from './light-model.ts';
import { FEATURE_EFFECT, FEATURE_FLASH, FEATURE_TRANSITION, kelvinRange } from './light-model.ts';
import type { LightCommand } from './light-turn-on.ts';

/**
 * What a template-schema light is (`MqttLightTemplate._setup_from_config`): its modes follow from
 * which value templates it has, filtered as `filter_supported_color_modes` does.
 */
export function templateLightTraits(config: LightTemplateConfig): LightTraits {
  let modes: ColorMode[] = ['onoff'];
  if (config.brightness_template !== undefined) modes.push('brightness');
  if (config.color_temp_template !== undefined) modes.push('color_temp');
  if (
    config.red_template !== undefined &&
    config.green_template !== undefined &&
    config.blue_template !== undefined
  )
    modes.push('hs');
  if (modes.length > 1) modes = modes.filter((mode) => mode !== 'onoff');
  if (modes.length > 1) modes = modes.filter((mode) => mode !== 'brightness');
  return {
    declaredModes: modes,
    modes,
    features: FEATURE_FLASH | FEATURE_TRANSITION | (config.effect_list !== undefined ? FEATURE_EFFECT : 0),
    ...kelvinRange(config),
    effectList: config.effect_list ?? null,
    assumedState:
      config.optimistic || config.state_topic === undefined || config.state_template === undefined,
  };
}

/**
 * A light with the `template` schema (https://www.home-assistant.io/integrations/light.mqtt/#template-schema):
 * commands rendered by `command_on_template`/`command_off_template` from Home Assistant's variables
 * (`state`, `brightness`, `color_temp`, `red`, `green`, `blue`, `hue`, `sat`, `flash`, `transition`,
 * `effect`), the state read from one topic by one template per property, as `schema_template.py` does.
 */
export class MqttTemplateLight extends LightEntity<LightTemplateConfig> {
  private readonly fixedColorMode: ColorMode | null;
  private readonly templates: Readonly<Record<string, CompiledTemplate | undefined>>;

  constructor(ctx: EntityContext, entityId: string, config: LightTemplateConfig, attributes: Attributes) {
    const traits = templateLightTraits(config);
    const fixed = traits.modes.length === 1 ? (traits.modes[0] ?? null) : null;
    super(ctx, entityId, config, attributes, traits, fixed);
    this.fixedColorMode = fixed;
    const compile = (source: string | undefined) =>
      source === undefined ? undefined : compileTemplate(source);
    this.templates = {
      on: compileTemplate(config.command_on_template),
      off: compileTemplate(config.command_off_template),
      state: compile(config.state_template),
      brightness: compile(config.brightness_template),
      colorTemp: compile(config.color_temp_template),
      red: compile(config.red_template),
      green: compile(config.green_template),
      blue: compile(config.blue_template),
      effect: compile(config.effect_template),
    };
  }

  protected override get optimistic(): boolean {
    return this.traits.assumedState;
  }

  private get hasRgb(): boolean {
    return (
      this.templates.red !== undefined &&
      this.templates.green !== undefined &&
      this.templates.blue !== undefined
    );
  }

  /** `_update_color_mode`: with colour temperature and hs both, hs wins while there is one. */
  private colorModeFor(values: LightValues): LightValues['colorMode'] {
    if (this.fixedColorMode) return this.fixedColorMode;
    return values.hs ? 'hs' : 'color_temp';
  }

  protected subscribeTopics(): void {
    const topic = this.config.state_topic;
    if (!topic) return;
    this.subscribe(topic, (payload) => {
      this.values = this.parse(payload);
      this.writeState();
    });
  }

  /** `_state_received`: each template reads its property from the one payload; bad ones are logged and skipped. */
  private parse(payload: string): LightValues {
    const next: LightValues = { ...this.values };
    const read = (name: string): string | undefined => {
      const template = this.templates[name];
      return template ? renderValueTemplate(template, payload).trim() : undefined;
    };
    const state = read('state');
    if (state === 'on') next.on = true;
    else if (state === 'off') next.on = false;
    else if (state === 'None') next.on = null;
    else if (state) this.warn(`invalid state value "${state.slice(0, 64)}"`);

    const brightness = read('brightness');
    if (brightness) {
      const value = pyIntOf(brightness);
      if (value === undefined) this.warn(`invalid brightness value "${brightness.slice(0, 64)}"`);
      else if (value !== 0) next.brightness = value;
    }

    const colorTemp = read('colorTemp');
    if (colorTemp) {
      const value = pyIntOf(colorTemp);
      if (this.config.color_temp_kelvin) {
        if (value === undefined) this.warn(`invalid color temperature value "${colorTemp.slice(0, 64)}"`);
        else next.colorTempKelvin = value;
      } else if (colorTemp === 'None') next.colorTempKelvin = null;
      else if (value === undefined || value === 0)
        this.warn(`invalid color temperature value "${colorTemp.slice(0, 64)}"`);
      else next.colorTempKelvin = miredToKelvin(value);
    }

    if (this.hasRgb) {
      const [red, green, blue] = [read('red'), read('green'), read('blue')];
      if (red && green && blue) {
        if (red === 'None' && green === 'None' && blue === 'None') {
          next.hs = null;
          next.colorMode = this.colorModeFor(next);
        } else {
          const rgb = [pyIntOf(red), pyIntOf(green), pyIntOf(blue)];
          const [r, g, b] = rgb;
          if (r === undefined || g === undefined || b === undefined)
            this.warn('invalid color value received');
          else {
            next.hs = rgbToHs(r, g, b);
            next.colorMode = this.colorModeFor(next);
          }
        }
      }
    }

    const effect = read('effect');
    if (effect) {
      if (this.config.effect_list?.includes(effect)) next.effect = effect;
      else this.warn(`unsupported effect value "${effect.slice(0, 64)}"`);
    }
    return next;
  }

  private renderCommand(name: 'on' | 'off', variables: Record<string, unknown>): string {
    return (this.templates[name] as CompiledTemplate).render({
      value: null,
      entity_id: this.entityId,
      ...variables,
    });
  }

  /** `async_turn_on`: Home Assistant's variables, rendered by `command_on_template`. */
  protected sendOn(command: LightCommand, context: Context): Promise<void> {
    const variables: Record<string, unknown> = { state: true };
    const update: Partial<LightValues> = { on: true };
    const target: LightTarget = {};
    if (command.brightness !== undefined) {
      variables.brightness = Math.trunc(command.brightness);
      update.brightness = command.brightness;
      if (this.templates.brightness) target.brightness = command.brightness;
    }
    if (command.color_temp_kelvin !== undefined) {
      const kelvin = command.color_temp_kelvin;
      variables.color_temp = this.config.color_temp_kelvin ? kelvin : kelvinToMired(kelvin);
      Object.assign(update, { colorTempKelvin: kelvin, hs: null });
      update.colorMode = this.colorModeFor({ ...this.values, ...update });
      if (this.templates.colorTemp) {
        target.colorTempKelvin = kelvin;
        if (!this.fixedColorMode) target.colorMode = 'color_temp';
      }
    }
    if (command.hs_color) {
      const [hue, sat] = command.hs_color;
      // "If there's a brightness topic set, we don't want to scale the RGB values given using the brightness."
      const brightness = this.templates.brightness
        ? 255
        : (command.brightness ?? this.values.brightness ?? 255);
      const [red, green, blue] = hsvToRgb(hue, sat, (brightness / 255) * 100);
      Object.assign(variables, { red, green, blue, hue, sat });
      Object.assign(update, { colorTempKelvin: null, hs: command.hs_color });
      update.colorMode = this.colorModeFor({ ...this.values, ...update });
      if (this.hasRgb && this.config.state_topic !== undefined) {
        target.hs = command.hs_color;
        if (!this.fixedColorMode) target.colorMode = 'hs';
      }
    }
    if (command.effect !== undefined) {
      variables.effect = command.effect;
      update.effect = command.effect;
    }
    if (command.flash !== undefined) variables.flash = command.flash;
    if (command.transition !== undefined) variables.transition = command.transition;

    const payload = this.renderCommand('on', variables);
    return this.runCommand(
      context,
      () => this.publish(this.config.command_topic, payload),
      lightExpectation(target, {
        brightness: 1,
        minKelvin: this.traits.minKelvin,
        maxKelvin: this.traits.maxKelvin,
      }),
      () => {
        this.values = { ...this.values, ...update };
      },
    );
  }

  protected sendOff(params: LightTurnOffParams, context: Context): Promise<void> {
    const variables: Record<string, unknown> = { state: false };
    if (params.transition !== undefined) variables.transition = params.transition;
    const payload = this.renderCommand('off', variables);
    return this.runCommand(
      context,
      () => this.publish(this.config.command_topic, payload),
      (state) => state === STATE_OFF,
      () => {
        this.values = { ...this.values, on: false };
      },
    );
  }
}
