import { z } from 'zod';
import { HubError } from '../core/hub-error.ts';
import type { ServiceRegistry } from '../core/service-registry.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { Context } from '../protocol/entity-state.ts';
import { parseFloatText } from '../template/template-numbers.ts';
import type { EntityControllers } from './entity-controllers.ts';

/**
 * What a number integration implements (https://developers.home-assistant.io/docs/core/entity/number).
 * `value` is within the entity's `min`..`max` and on its `step`; resolves once the device has
 * confirmed.
 */
export interface NumberController {
  setValue(value: number, context: Context): Promise<void>;
}

// `vol.Coerce(float)`: a numeric string is its number.
const valueData = z.strictObject({
  value: z.preprocess(
    (value) => (typeof value === 'string' ? (parseFloatText(value) ?? value) : value),
    z.number('must be a number').refine(Number.isFinite, 'must be a finite number'),
  ),
});

/**
 * The entity's range and step, as its attributes state them. Home Assistant refuses a value
 * outside min..max (`out_of_range`); hearth also refuses one off the step, counted from `min` as a
 * slider counts, since the device would round it to something the caller did not ask for.
 */
function checkValue(states: StateMachine, entityId: string, value: number): void {
  const attributes = states.get(entityId)?.attributes ?? {};
  const { min, max, step } = attributes;
  if (typeof min === 'number' && typeof max === 'number' && (value < min || value > max)) {
    throw new HubError(
      'service_validation_error',
      `service_data.value: must be ${min}..${max}, got ${value}`,
    );
  }
  if (typeof step === 'number' && step > 0) {
    const steps = (value - (typeof min === 'number' ? min : 0)) / step;
    if (Math.abs(steps - Math.round(steps)) > 1e-9 * Math.max(1, Math.abs(steps))) {
      throw new HubError(
        'service_validation_error',
        `service_data.value: must be a multiple of ${step} from ${min ?? 0}, got ${value}`,
      );
    }
  }
}

/** `number.set_value` (https://www.home-assistant.io/integrations/number/#actions). */
export function registerNumberServices(
  services: ServiceRegistry,
  states: StateMachine,
  controllers: EntityControllers,
): void {
  services.register('number', 'set_value', {
    name: 'Set',
    description: 'Sets the value of a number.',
    fields: {
      value: { name: 'Value', description: 'The target value to set.', example: 42, selector: { text: {} } },
    },
    schema: valueData,
    handle: ({ entityId, data, context }) => {
      checkValue(states, entityId, data.value);
      return controllers.require<NumberController>('number', entityId).setValue(data.value, context);
    },
  });
}
