import { z } from 'zod';
import type { ServiceRegistry } from '../core/service-registry.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { Context } from '../protocol/entity-state.ts';
import { STATE_ON } from '../protocol/entity-state.ts';
import type { EntityControllers } from './entity-controllers.ts';

/** Parsed `light.turn_on` data, in Home Assistant's units. */
export interface LightTurnOnParams {
  brightness?: number;
  transition?: number;
  color_temp_kelvin?: number;
  hs_color?: [number, number];
  rgb_color?: [number, number, number];
  effect?: string;
}

export interface LightTurnOffParams {
  transition?: number;
}

/** What a light integration implements. Each method resolves once the device has confirmed. */
export interface LightController {
  turnOn(params: LightTurnOnParams, context: Context): Promise<void>;
  turnOff(params: LightTurnOffParams, context: Context): Promise<void>;
}

const transition = z.number().min(0, 'must be 0..6553').max(6553, 'must be 0..6553');
const byte = z.number().int('must be an integer').min(0, 'must be 0..255').max(255, 'must be 0..255');

// Home Assistant's light.turn_on fields (https://www.home-assistant.io/integrations/light/#action-lightturn_on);
// unknown keys are refused, as Home Assistant's entity service schemas do.
const turnOnSchema = z.strictObject({
  brightness: byte.optional(),
  brightness_pct: z.number().min(0, 'must be 0..100').max(100, 'must be 0..100').optional(),
  brightness_step: z.number().int().min(-255, 'must be -255..255').max(255, 'must be -255..255').optional(),
  brightness_step_pct: z.number().min(-100, 'must be -100..100').max(100, 'must be -100..100').optional(),
  transition: transition.optional(),
  color_temp_kelvin: z
    .number()
    .int()
    .min(1000, 'must be 1000..40000')
    .max(40000, 'must be 1000..40000')
    .optional(),
  hs_color: z.tuple([z.number().min(0).max(360), z.number().min(0).max(100)]).optional(),
  rgb_color: z.tuple([byte, byte, byte]).optional(),
  effect: z.string().max(255).optional(),
});
const turnOffSchema = z.strictObject({ transition: transition.optional() });
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
  transition: {
    name: 'Transition',
    description: 'Seconds to fade.',
    selector: { number: { min: 0, max: 300 } },
  },
};

export function registerLightServices(
  services: ServiceRegistry,
  states: StateMachine,
  controllers: EntityControllers,
): void {
  const controllerFor = (entityId: string) => controllers.require<LightController>('light', entityId);
  const turnOn = (entityId: string, data: TurnOnData, context: Context) =>
    controllerFor(entityId).turnOn(toParams(data, currentBrightness(states, entityId)), context);

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
    fields: { transition: FIELDS.transition },
    schema: turnOffSchema,
    handle: ({ entityId, data, context }) => controllerFor(entityId).turnOff(data, context),
  });
  services.register('light', 'toggle', {
    name: 'Toggle',
    description: 'Turns a light off when it is on, on otherwise.',
    fields: FIELDS,
    schema: turnOnSchema,
    handle: ({ entityId, data, context }) =>
      states.get(entityId)?.state === STATE_ON
        ? controllerFor(entityId).turnOff(
            { ...(data.transition !== undefined && { transition: data.transition }) },
            context,
          )
        : turnOn(entityId, data, context),
  });
}

function currentBrightness(states: StateMachine, entityId: string): number {
  const state = states.get(entityId);
  const brightness = state?.attributes.brightness;
  return typeof brightness === 'number' ? brightness : state?.state === STATE_ON ? 255 : 0;
}

/** Folds the percent and step forms into `brightness`, as Home Assistant's light component does. */
function toParams(data: TurnOnData, current: number): LightTurnOnParams {
  const { brightness_pct, brightness_step, brightness_step_pct, ...rest } = data;
  const params: LightTurnOnParams = { ...rest };
  if (brightness_pct !== undefined) params.brightness = Math.round((brightness_pct * 255) / 100);
  else if (brightness_step !== undefined) params.brightness = clampByte(current + brightness_step);
  else if (brightness_step_pct !== undefined)
    params.brightness = clampByte(current + Math.round((brightness_step_pct * 255) / 100));
  return params;
}

const clampByte = (n: number): number => Math.max(0, Math.min(255, n));
