import { z } from 'zod';
import type { ServiceRegistry } from '../core/service-registry.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { Context } from '../protocol/entity-state.ts';
import type { EntityControllers } from './entity-controllers.ts';

/**
 * What a button integration implements (https://developers.home-assistant.io/docs/core/entity/button).
 * A button has no state to report back: `press` resolves once the press has been sent, and the
 * entity's state, the time of the last press, carries the call's context.
 */
export interface ButtonController {
  press(context: Context): Promise<void>;
}

/** `button.press` (https://www.home-assistant.io/integrations/button/#actions). */
export function registerButtonServices(
  services: ServiceRegistry,
  _states: StateMachine,
  controllers: EntityControllers,
): void {
  services.register('button', 'press', {
    name: 'Press',
    description: 'Presses a button.',
    fields: {},
    schema: z.strictObject({}),
    handle: ({ entityId, context }) =>
      controllers.require<ButtonController>('button', entityId).press(context),
  });
}
