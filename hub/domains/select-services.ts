import { z } from 'zod';
import { HubError } from '../core/hub-error.ts';
import type { ServiceRegistry } from '../core/service-registry.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { Context } from '../protocol/entity-state.ts';
import type { EntityControllers } from './entity-controllers.ts';

/**
 * What a select integration implements (https://developers.home-assistant.io/docs/core/entity/select).
 * `option` is one of the entity's `options`; resolves once the device has confirmed.
 */
export interface SelectController {
  selectOption(option: string, context: Context): Promise<void>;
}

const optionData = z.strictObject({ option: z.string('must be a string').max(255) });
const cycleData = z.strictObject({ cycle: z.boolean('must be a boolean').default(true) });
const noData = z.strictObject({});

function optionsOf(states: StateMachine, entityId: string): string[] {
  const options = states.get(entityId)?.attributes.options;
  return Array.isArray(options) ? options.filter((o): o is string => typeof o === 'string') : [];
}

/**
 * SelectEntity's `_async_offset_index`: from the current option (the first when it is unknown),
 * wrapping round with `cycle`, else stopping at either end.
 */
function offsetOption(states: StateMachine, entityId: string, offset: number, cycle: boolean): string {
  const options = optionsOf(states, entityId);
  const current = options.indexOf(states.get(entityId)?.state ?? '');
  let index = (current === -1 ? 0 : current) + offset;
  if (cycle) index = ((index % options.length) + options.length) % options.length;
  else index = Math.min(options.length - 1, Math.max(0, index));
  return pick(options, index, entityId);
}

function pick(options: readonly string[], index: number, entityId: string): string {
  const option = options[index];
  if (option === undefined) throw new HubError('service_validation_error', `${entityId} has no options`);
  return option;
}

/** The select services (https://www.home-assistant.io/integrations/select/#actions). */
export function registerSelectServices(
  services: ServiceRegistry,
  states: StateMachine,
  controllers: EntityControllers,
): void {
  const select = (entityId: string, option: string, context: Context) =>
    controllers.require<SelectController>('select', entityId).selectOption(option, context);
  const cycleField = {
    cycle: { name: 'Cycle', description: 'Whether to wrap round at the end.', selector: { boolean: {} } },
  };

  services.register('select', 'select_option', {
    name: 'Select',
    description: 'Selects an option.',
    fields: { option: { name: 'Option', description: 'Option to be selected.', selector: { text: {} } } },
    schema: optionData,
    handle: ({ entityId, data, context }) => {
      const options = optionsOf(states, entityId);
      // SelectEntity's `_valid_option_or_raise`.
      if (!options.includes(data.option)) {
        const shown = JSON.stringify(data.option.slice(0, 60));
        throw new HubError(
          'service_validation_error',
          `service_data.option: must be one of ${options.join(', ')}, got ${shown}`,
        );
      }
      return select(entityId, data.option, context);
    },
  });
  services.register('select', 'select_first', {
    name: 'First',
    description: 'Selects the first option.',
    fields: {},
    schema: noData,
    handle: ({ entityId, context }) =>
      select(entityId, pick(optionsOf(states, entityId), 0, entityId), context),
  });
  services.register('select', 'select_last', {
    name: 'Last',
    description: 'Selects the last option.',
    fields: {},
    schema: noData,
    handle: ({ entityId, context }) => {
      const options = optionsOf(states, entityId);
      return select(entityId, pick(options, options.length - 1, entityId), context);
    },
  });
  services.register('select', 'select_next', {
    name: 'Next',
    description: 'Selects the next option.',
    fields: cycleField,
    schema: cycleData,
    handle: ({ entityId, data, context }) =>
      select(entityId, offsetOption(states, entityId, 1, data.cycle), context),
  });
  services.register('select', 'select_previous', {
    name: 'Previous',
    description: 'Selects the previous option.',
    fields: cycleField,
    schema: cycleData,
    handle: ({ entityId, data, context }) =>
      select(entityId, offsetOption(states, entityId, -1, data.cycle), context),
  });
}
