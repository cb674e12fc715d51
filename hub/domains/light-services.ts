import { z } from 'zod';
import type { ServiceRegistry } from '../core/service-registry.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { Context } from '../protocol/entity-state.ts';
import { STATE_ON } from '../protocol/entity-state.ts';
import { roundHalfEven } from '../template/template-numbers.ts';
import type { EntityControllers } from './entity-controllers.ts';

export type LightFlash = 'short' | 'long';

/**
 * Parsed `light.turn_on` data, in Home Assistant's units, with the percent, step and deprecated
 * forms (`brightness_pct`, `color_temp` in mireds, `kelvin`) folded in. The controller converts a
 * colour to the modes its light supports, as Home Assistant's light component does, and refuses a
 * colour the light cannot show.
 */
export interface LightTurnOnParams {
  brightness?: number;
  transition?: number;
  color_temp_kelvin?: number;
  hs_color?: [number, number];
  rgb_color?: [number, number, number];
  rgbw_color?: [number, number, number, number];
  rgbww_color?: [number, number, number, number, number];
  xy_color?: [number, number];
  /** A white level 0..255, or true for the light's current brightness. */
  white?: number | true;
  /** A CSS colour name (`"dark sea green"`). */
  color_name?: string;
  effect?: string;
  flash?: LightFlash;
}

export interface LightTurnOffParams {
  transition?: number;
  flash?: LightFlash;
}

/**
 * What a light integration implements. Each method resolves once the device has confirmed, and
 * rejects with `service_validation_error` for what the light cannot do.
 */
export interface LightController {
  turnOn(params: LightTurnOnParams, context: Context): Promise<void>;
  turnOff(params: LightTurnOffParams, context: Context): Promise<void>;
}

const transition = z.number().min(0, 'must be 0..6553').max(6553, 'must be 0..6553');
const byte = z.number().int('must be an integer').min(0, 'must be 0..255').max(255, 'must be 0..255');
const unit = z.number().min(0, 'must be 0..1').max(1, 'must be 0..1');
const flash = z.enum(['short', 'long'], 'must be "short" or "long"');

// Home Assistant's `vol.Exclusive` groups: one colour, one brightness, per call.
const COLOR_GROUP = [
  'color_name',
  'color_temp',
  'color_temp_kelvin',
  'kelvin',
  'hs_color',
  'rgb_color',
  'rgbw_color',
  'rgbww_color',
  'xy_color',
  'white',
] as const;
const BRIGHTNESS_GROUP = ['brightness', 'brightness_pct', 'brightness_step', 'brightness_step_pct'] as const;

// Home Assistant's light.turn_on fields (https://www.home-assistant.io/integrations/light/#action-lightturn_on);
// unknown keys are refused, as Home Assistant's entity service schemas do.
const turnOnSchema = z
  .strictObject({
    brightness: byte.optional(),
    brightness_pct: z.number().min(0, 'must be 0..100').max(100, 'must be 0..100').optional(),
    brightness_step: z.number().int().min(-255, 'must be -255..255').max(255, 'must be -255..255').optional(),
    brightness_step_pct: z.number().min(-100, 'must be -100..100').max(100, 'must be -100..100').optional(),
    transition: transition.optional(),
    color_name: z.string().max(64).optional(),
    color_temp_kelvin: z
      .number()
      .int()
      .min(1000, 'must be 1000..40000')
      .max(40000, 'must be 1000..40000')
      .optional(),
    /** Deprecated: mireds. */
    color_temp: z
      .number()
      .int('must be an integer')
      .min(25, 'must be 25..1000')
      .max(1000, 'must be 25..1000')
      .optional(),
    /** Deprecated: kelvin under its old name. */
    kelvin: z.number().int().min(1000, 'must be 1000..40000').max(40000, 'must be 1000..40000').optional(),
    hs_color: z
      .tuple([
        z.number().min(0, 'hue must be 0..360').max(360, 'hue must be 0..360'),
        z.number().min(0, 'saturation must be 0..100').max(100, 'saturation must be 0..100'),
      ])
      .optional(),
    rgb_color: z.tuple([byte, byte, byte]).optional(),
    rgbw_color: z.tuple([byte, byte, byte, byte]).optional(),
    rgbww_color: z.tuple([byte, byte, byte, byte, byte]).optional(),
    xy_color: z.tuple([unit, unit]).optional(),
    white: z.union([z.literal(true), byte], 'must be true or 0..255').optional(),
    flash: flash.optional(),
    effect: z.string().max(255).optional(),
  })
  .superRefine((data, ctx) => {
    for (const group of [COLOR_GROUP, BRIGHTNESS_GROUP]) {
      const given = group.filter((key) => data[key] !== undefined);
      const [first, second] = given;
      if (first !== undefined && second !== undefined)
        ctx.addIssue({ code: 'custom', path: [second], message: `cannot be combined with ${first}` });
    }
  });
const turnOffSchema = z.strictObject({ transition: transition.optional(), flash: flash.optional() });
type TurnOnData = z.output<typeof turnOnSchema>;

const FIELDS = {
  brightness: {
    name: 'Brightness value',
    description: 'Brightness, 0..255.',
    selector: { number: { min: 0, max: 255 } },
  },
  brightness_pct: {
    name: 'Brightness',
    description: 'Brightness in percent.',
    selector: { number: { min: 0, max: 100 } },
  },
  brightness_step: {
    name: 'Brightness step value',
    description: 'Change the brightness by this much, -255..255.',
    selector: { number: { min: -255, max: 255 } },
  },
  brightness_step_pct: {
    name: 'Brightness step',
    description: 'Change the brightness by this many percent.',
    selector: { number: { min: -100, max: 100 } },
  },
  transition: {
    name: 'Transition',
    description: 'Seconds to fade.',
    selector: { number: { min: 0, max: 300 } },
  },
  color_temp_kelvin: {
    name: 'Color temperature',
    description: 'Color temperature in kelvin.',
    selector: { color_temp: { unit: 'kelvin', min: 2000, max: 6500 } },
  },
  hs_color: {
    name: 'Hue/Sat color',
    description: 'Hue 0..360 and saturation 0..100.',
    example: '[300, 70]',
    selector: { object: {} },
  },
  rgb_color: { name: 'Color', description: 'Red, green, blue, 0..255 each.', selector: { color_rgb: {} } },
  rgbw_color: {
    name: 'RGBW-color',
    description: 'Red, green, blue, white, 0..255 each.',
    example: '[255, 100, 100, 50]',
    selector: { object: {} },
  },
  rgbww_color: {
    name: 'RGBWW-color',
    description: 'Red, green, blue, cold white, warm white, 0..255 each.',
    example: '[255, 100, 100, 50, 70]',
    selector: { object: {} },
  },
  xy_color: {
    name: 'XY-color',
    description: 'CIE 1931 x and y, 0..1.',
    example: '[0.52, 0.43]',
    selector: { object: {} },
  },
  color_name: { name: 'Color name', description: 'A CSS colour name.', selector: { text: {} } },
  white: {
    name: 'White',
    description: 'White mode, at this brightness.',
    selector: { number: { min: 0, max: 255 } },
  },
  flash: {
    name: 'Flash',
    description: 'Flash the light, short or long.',
    selector: { select: { options: ['short', 'long'] } },
  },
  effect: { name: 'Effect', description: 'A light effect.', selector: { text: {} } },
};
const OFF_FIELDS = { transition: FIELDS.transition, flash: FIELDS.flash };

export function registerLightServices(
  services: ServiceRegistry,
  states: StateMachine,
  controllers: EntityControllers,
): void {
  const controllerFor = (entityId: string) => controllers.require<LightController>('light', entityId);
  const turnOn = (entityId: string, data: TurnOnData, context: Context) =>
    controllerFor(entityId).turnOn(toParams(data, currentBrightness(states, entityId)), context);
  const turnOff = (entityId: string, data: LightTurnOffParams, context: Context) =>
    controllerFor(entityId).turnOff(
      {
        ...(data.transition !== undefined && { transition: data.transition }),
        ...(data.flash !== undefined && { flash: data.flash }),
      },
      context,
    );

  services.register('light', 'turn_on', {
    name: 'Turn on',
    description: 'Turns on one or more lights and adjusts their properties.',
    fields: FIELDS,
    schema: turnOnSchema,
    handle: ({ entityId, data, context }) => turnOn(entityId, data, context),
  });
  services.register('light', 'turn_off', {
    name: 'Turn off',
    description: 'Turns off one or more lights.',
    fields: OFF_FIELDS,
    schema: turnOffSchema,
    handle: ({ entityId, data, context }) => turnOff(entityId, data, context),
  });
  services.register('light', 'toggle', {
    name: 'Toggle',
    description: 'Turns a light off when it is on, on otherwise.',
    fields: FIELDS,
    schema: turnOnSchema,
    handle: ({ entityId, data, context }) =>
      states.get(entityId)?.state === STATE_ON
        ? turnOff(entityId, data, context)
        : turnOn(entityId, data, context),
  });
}

/** `light.brightness if light.is_on and light.brightness else 0`, the base of a brightness step. */
function currentBrightness(states: StateMachine, entityId: string): number {
  const state = states.get(entityId);
  const brightness = state?.attributes.brightness;
  return state?.state === STATE_ON && typeof brightness === 'number' ? brightness : 0;
}

/**
 * Folds the percent, step and deprecated forms into `brightness` and `color_temp_kelvin`, as
 * Home Assistant's `preprocess_turn_on_alternatives` does (mireds → kelvin floors, as its
 * `color_temperature_mired_to_kelvin`).
 */
function toParams(data: TurnOnData, current: number): LightTurnOnParams {
  const { brightness_pct, brightness_step, brightness_step_pct, color_temp, kelvin, ...rest } = data;
  const params: LightTurnOnParams = { ...rest };
  if (color_temp !== undefined) params.color_temp_kelvin = Math.floor(1_000_000 / color_temp);
  if (kelvin !== undefined) params.color_temp_kelvin = kelvin;
  // Python's round(), half to even: 30 % is brightness 76, not 77.
  if (brightness_pct !== undefined) params.brightness = roundHalfEven((255 * brightness_pct) / 100, 0);
  else if (brightness_step !== undefined) params.brightness = clampByte(current + brightness_step);
  else if (brightness_step_pct !== undefined)
    params.brightness = clampByte(current + roundHalfEven((brightness_step_pct / 100) * 255, 0));
  return params;
}

const clampByte = (n: number): number => Math.max(0, Math.min(255, n));
