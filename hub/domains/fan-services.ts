import { z } from 'zod';
import type { ServiceRegistry } from '../core/service-registry.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { Attributes, Context } from '../protocol/entity-state.ts';
import { STATE_ON } from '../protocol/entity-state.ts';
import { AttributeChecks } from './attribute-checks.ts';
import type { EntityControllers } from './entity-controllers.ts';

/** FanEntityFeature bit values, as `supported_features` carries them. */
export const FanFeature = {
  SET_SPEED: 1,
  OSCILLATE: 2,
  DIRECTION: 4,
  PRESET_MODE: 8,
  TURN_OFF: 16,
  TURN_ON: 32,
} as const;

export const FAN_DIRECTIONS = ['forward', 'reverse'] as const;
export type FanDirection = (typeof FAN_DIRECTIONS)[number];

export interface FanTurnOnParams {
  percentage?: number;
  preset_mode?: string;
}

/** What a fan integration implements. Each method resolves once the device has confirmed. */
export interface FanController {
  turnOn(params: FanTurnOnParams, context: Context): Promise<void>;
  turnOff(context: Context): Promise<void>;
  setPercentage(percentage: number, context: Context): Promise<void>;
  setPresetMode(presetMode: string, context: Context): Promise<void>;
  oscillate(oscillating: boolean, context: Context): Promise<void>;
  setDirection(direction: FanDirection, context: Context): Promise<void>;
}

// vol.All(vol.Coerce(int), vol.Range(min=0, max=100)): Home Assistant truncates, then checks.
const percent = z
  .number('must be a number')
  .transform(Math.trunc)
  .pipe(z.number().min(0, 'must be 0..100').max(100, 'must be 0..100'));
const presetMode = z.string('must be a string').min(1, 'must not be empty').max(255);
const noData = z.strictObject({});

/**
 * FanEntity._async_adjust_speed: by `percentage_step`, else by one of the fan's speeds (from
 * `percentage_step`, which is 100 / speed_count), clamped to 0..100.
 */
export function adjustedPercentage(attributes: Attributes, direction: 1 | -1, step?: number): number {
  const current = typeof attributes.percentage === 'number' ? attributes.percentage : 0;
  let next: number;
  if (step !== undefined) next = current + step * direction;
  else {
    const percentageStep = typeof attributes.percentage_step === 'number' ? attributes.percentage_step : 1;
    const speedCount = Math.round(100 / percentageStep);
    // percentage_to_ranged_value((1, speed_count), …) then ranged_value_to_percentage, as in the util.
    const index = Math.ceil((speedCount * current) / 100);
    next = Math.floor(((index + direction) * 100) / speedCount);
  }
  return Math.max(0, Math.min(100, next));
}

export function registerFanServices(
  services: ServiceRegistry,
  states: StateMachine,
  controllers: EntityControllers,
): void {
  const controllerFor = (entityId: string) => controllers.require<FanController>('fan', entityId);
  const attributesOf = (entityId: string): Attributes => states.get(entityId)?.attributes ?? {};
  const checks = (entityId: string) => new AttributeChecks('fan', entityId, attributesOf(entityId));
  const speedField = {
    percentage: {
      name: 'Percentage',
      description: 'Speed in percent.',
      selector: { number: { min: 0, max: 100 } },
    },
  };
  const presetField = { preset_mode: { name: 'Preset mode', description: 'One of the fan’s preset_modes.' } };

  const turnOn = (entityId: string, params: FanTurnOnParams, context: Context) => {
    const check = checks(entityId);
    check.feature(FanFeature.TURN_ON, undefined, 'turn_on');
    if (params.percentage !== undefined)
      check.feature(FanFeature.SET_SPEED, 'percentage', 'setting the speed');
    // FanEntity._valid_preset_mode_or_raise
    if (params.preset_mode !== undefined) check.listed('preset_modes', 'preset_mode', params.preset_mode);
    return controllerFor(entityId).turnOn(params, context);
  };
  const turnOff = (entityId: string, context: Context) => {
    checks(entityId).feature(FanFeature.TURN_OFF, undefined, 'turn_off');
    return controllerFor(entityId).turnOff(context);
  };
  const setPercentage = (entityId: string, percentage: number, context: Context) => {
    checks(entityId).feature(FanFeature.SET_SPEED, 'percentage', 'setting the speed');
    return controllerFor(entityId).setPercentage(percentage, context);
  };

  services.register('fan', 'turn_on', {
    name: 'Turn on',
    description: 'Turns a fan on, optionally at a speed or in a preset mode.',
    fields: { ...speedField, ...presetField },
    schema: z.strictObject({ percentage: percent.optional(), preset_mode: presetMode.optional() }),
    handle: ({ entityId, data, context }) => turnOn(entityId, data, context),
  });
  services.register('fan', 'turn_off', {
    name: 'Turn off',
    description: 'Turns a fan off.',
    fields: {},
    schema: noData,
    handle: ({ entityId, context }) => turnOff(entityId, context),
  });
  services.register('fan', 'toggle', {
    name: 'Toggle',
    description: 'Turns a fan off when it is on, on otherwise.',
    fields: {},
    schema: noData,
    handle: ({ entityId, context }) =>
      states.get(entityId)?.state === STATE_ON ? turnOff(entityId, context) : turnOn(entityId, {}, context),
  });
  services.register('fan', 'set_percentage', {
    name: 'Set speed',
    description: 'Sets the speed of a fan, in percent.',
    fields: speedField,
    schema: z.strictObject({ percentage: percent }),
    handle: ({ entityId, data, context }) => setPercentage(entityId, data.percentage, context),
  });
  for (const [service, direction] of [
    ['increase_speed', 1],
    ['decrease_speed', -1],
  ] as const) {
    services.register('fan', service, {
      name: direction === 1 ? 'Increase speed' : 'Decrease speed',
      description: `${direction === 1 ? 'Increases' : 'Decreases'} the speed of a fan by a step.`,
      fields: { percentage_step: { name: 'Step', description: 'Step in percent; one speed by default.' } },
      schema: z.strictObject({ percentage_step: percent.optional() }),
      handle: ({ entityId, data, context }) => {
        checks(entityId).feature(FanFeature.SET_SPEED, 'percentage_step', 'setting the speed');
        const percentage = adjustedPercentage(attributesOf(entityId), direction, data.percentage_step);
        return setPercentage(entityId, percentage, context);
      },
    });
  }
  services.register('fan', 'oscillate', {
    name: 'Oscillate',
    description: 'Turns oscillation on or off.',
    fields: {
      oscillating: { name: 'Oscillating', description: 'Whether to oscillate.', selector: { boolean: {} } },
    },
    schema: z.strictObject({ oscillating: z.boolean('must be true or false') }),
    handle: ({ entityId, data, context }) => {
      checks(entityId).feature(FanFeature.OSCILLATE, 'oscillating', 'oscillation');
      return controllerFor(entityId).oscillate(data.oscillating, context);
    },
  });
  services.register('fan', 'set_direction', {
    name: 'Set direction',
    description: 'Sets the direction of a fan.',
    fields: { direction: { name: 'Direction', description: 'forward or reverse.' } },
    schema: z.strictObject({ direction: z.enum(FAN_DIRECTIONS, 'must be forward or reverse') }),
    handle: ({ entityId, data, context }) => {
      checks(entityId).feature(FanFeature.DIRECTION, 'direction', 'a direction');
      return controllerFor(entityId).setDirection(data.direction, context);
    },
  });
  services.register('fan', 'set_preset_mode', {
    name: 'Set preset mode',
    description: 'Sets the preset mode of a fan.',
    fields: presetField,
    schema: z.strictObject({ preset_mode: presetMode }),
    handle: ({ entityId, data, context }) => {
      const check = checks(entityId);
      check.feature(FanFeature.SET_SPEED | FanFeature.PRESET_MODE, 'preset_mode', 'preset modes');
      check.listed('preset_modes', 'preset_mode', data.preset_mode);
      return controllerFor(entityId).setPresetMode(data.preset_mode, context);
    },
  });
}
