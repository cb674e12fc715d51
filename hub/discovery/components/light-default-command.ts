import type { ColorMode, LightDefaultConfig } from '../discovery-schemas.ts';
import { kelvinToMired, pyRound } from './light-color.ts';
import type { LightTarget } from './light-expectation.ts';
import type { LightValues } from './light-model.ts';
import { formatPyFloat } from './light-payload.ts';
import type { LightCommand } from './light-turn-on.ts';

/** The properties a default-schema light may hold optimistically: those without a state topic. */
export type DefaultOptimistic =
  | 'brightness'
  | 'colorMode'
  | 'colorTemp'
  | 'effect'
  | 'hs'
  | 'rgb'
  | 'rgbw'
  | 'rgbww'
  | 'xy';

type ColorTemplate = 'rgb' | 'rgbw' | 'rgbww';

/** Renders a command template (`brightnessCommand`, `rgbCommand`, …), or the value itself without one. */
export type RenderCommand = (template: string, value: unknown, variables?: Record<string, unknown>) => string;

export interface DefaultTurnOn {
  /** Topic and payload, in publishing order. */
  publishes: [string, string][];
  /** The optimistic properties, as Home Assistant sets them when it publishes. */
  update: Partial<LightValues>;
  /** What the device must report back: the properties it has state topics for. */
  target: LightTarget;
}

/**
 * `MqttLight.async_turn_on` (`schema_basic.py`): one publish per property, in Home Assistant's
 * order — on first if `on_command_type: first`, then hs, rgb, rgbw, rgbww, xy, brightness (or the
 * colour dimmed, without a brightness topic), colour temperature, effect, white, and on last if
 * `on_command_type: last`.
 */
export function planDefaultTurnOn(
  config: LightDefaultConfig,
  command: LightCommand,
  values: LightValues,
  optimisticOf: Readonly<Record<DefaultOptimistic, boolean>>,
  render: RenderCommand,
): DefaultTurnOn {
  const c = config;
  const kwargs = { ...command };
  const publishes: [string, string][] = [];
  const update: Partial<LightValues> = {};
  const target: LightTarget = {};
  /** `set_optimistic`, and for what is not optimistic, what the device must report. */
  const setOptimistic = (
    attribute: DefaultOptimistic,
    next: Partial<LightValues>,
    confirm: LightTarget,
    colorMode?: ColorMode,
  ): void => {
    if (!optimisticOf[attribute]) {
      Object.assign(target, confirm);
      // White has no state topic of its own: only a colour mode topic can confirm it.
      if (colorMode && (!optimisticOf.colorMode || attribute !== 'brightness')) target.colorMode = colorMode;
      return;
    }
    if (colorMode && optimisticOf.colorMode) update.colorMode = colorMode;
    Object.assign(update, next);
  };
  const scaleRgbx = (color: readonly number[], brightness?: number): number[] => {
    const level =
      brightness ??
      (c.brightness_command_topic !== undefined ? 255 : kwargs.brightness || values.brightness || 255);
    return color.map((channel) => Math.trunc((channel * level) / 255));
  };
  const renderRgbx = (color: readonly number[], mode: ColorTemplate): string => {
    const keys = [
      'red',
      'green',
      'blue',
      ...(mode === 'rgbw' ? ['white'] : mode === 'rgbww' ? ['cold_white', 'warm_white'] : []),
    ];
    const variables = Object.fromEntries(keys.map((key, i) => [key, color[i]]));
    return render(`${mode}Command`, color.join(','), variables);
  };
  let rgbBrightness: number | undefined;

  if (c.on_command_type === 'first') publishes.push([c.command_topic, c.payload_on]);
  else if (
    c.on_command_type === 'brightness' &&
    kwargs.brightness === undefined &&
    kwargs.white === undefined
  )
    kwargs.brightness = values.brightness || 255;

  if (kwargs.hs_color && c.hs_command_topic !== undefined) {
    const [h, s] = kwargs.hs_color;
    publishes.push([
      c.hs_command_topic,
      render('hsCommand', `${formatPyFloat(h)},${formatPyFloat(s)}`, { hue: h, sat: s }),
    ]);
    setOptimistic('hs', { hs: kwargs.hs_color }, { hs: kwargs.hs_color }, 'hs');
  }
  for (const mode of ['rgb', 'rgbw', 'rgbww'] as const) {
    const color = kwargs[`${mode}_color`];
    const topic = c[`${mode}_command_topic`];
    if (!color || topic === undefined) continue;
    const scaled = scaleRgbx(color);
    publishes.push([topic, renderRgbx(scaled, mode)]);
    if (mode === 'rgb') rgbBrightness = Math.max(...scaled);
    setOptimistic(mode, { [mode]: color }, { [mode]: color }, mode);
  }
  if (kwargs.xy_color && c.xy_command_topic !== undefined) {
    const [x, y] = kwargs.xy_color;
    publishes.push([
      c.xy_command_topic,
      render('xyCommand', `${formatPyFloat(x)},${formatPyFloat(y)}`, { x, y }),
    ]);
    setOptimistic('xy', { xy: kwargs.xy_color }, { xy: kwargs.xy_color }, 'xy');
  }

  const brightness = kwargs.brightness;
  if (brightness !== undefined && c.brightness_command_topic !== undefined) {
    const scale = c.brightness_scale;
    // "Make sure the brightness is not rounded down to 0."
    const device = Math.max(Math.min(pyRound((brightness / 255) * scale), scale), 1);
    publishes.push([c.brightness_command_topic, render('brightnessCommand', device)]);
    setOptimistic('brightness', { brightness }, { brightness });
  } else if (brightness !== undefined) {
    // Without a brightness topic, the brightness dims the colour of the first RGB-like topic.
    for (const mode of ['rgb', 'rgbw', 'rgbww'] as const) {
      const topic = c[`${mode}_command_topic`];
      if (kwargs[`${mode}_color`] !== undefined || topic === undefined) continue;
      const current = values[mode] ?? Array<number>(mode.length).fill(255);
      const scaled = scaleRgbx(current, brightness);
      publishes.push([topic, renderRgbx(scaled, mode)]);
      if (mode === 'rgb') rgbBrightness = Math.max(...scaled);
      setOptimistic('brightness', { brightness }, {});
      break;
    }
  }
  // The brightness a device reports through its RGB state topic is the dimmed colour's brightest channel.
  if (!optimisticOf.brightness && c.brightness_state_topic === undefined) {
    if (rgbBrightness !== undefined && rgbBrightness > 0) target.brightness = rgbBrightness;
    else delete target.brightness;
  }

  if (kwargs.color_temp_kelvin !== undefined && c.color_temp_command_topic !== undefined) {
    const kelvin = kwargs.color_temp_kelvin;
    const value = c.color_temp_kelvin ? kelvin : kelvinToMired(kelvin);
    publishes.push([c.color_temp_command_topic, render('colorTempCommand', value)]);
    setOptimistic('colorTemp', { colorTempKelvin: kelvin }, { colorTempKelvin: kelvin }, 'color_temp');
  }
  if (
    kwargs.effect !== undefined &&
    c.effect_command_topic !== undefined &&
    c.effect_list?.includes(kwargs.effect)
  ) {
    publishes.push([c.effect_command_topic, render('effectCommand', kwargs.effect)]);
    setOptimistic('effect', { effect: kwargs.effect }, {});
  }
  if (kwargs.white !== undefined && c.white_command_topic !== undefined) {
    const scale = c.white_scale;
    const device = Math.min(pyRound((kwargs.white / 255) * scale), scale);
    publishes.push([c.white_command_topic, String(device)]);
    // No state topic reports white: only a colour mode topic can confirm the mode.
    setOptimistic('brightness', { brightness: kwargs.white }, { brightness: kwargs.white }, 'white');
  }
  if (c.on_command_type === 'last') publishes.push([c.command_topic, c.payload_on]);

  return { publishes, update, target };
}
