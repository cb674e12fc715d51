import { z } from 'zod';
import type { ServiceRegistry } from '../core/service-registry.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { Context } from '../protocol/entity-state.ts';
import { STATE_ON } from '../protocol/entity-state.ts';
import type { EntityControllers } from './entity-controllers.ts';

export interface SwitchController {
  turnOn(context: Context): Promise<void>;
  turnOff(context: Context): Promise<void>;
}

const noData = z.strictObject({});

export function registerSwitchServices(
  services: ServiceRegistry,
  states: StateMachine,
  controllers: EntityControllers,
): void {
  const controllerFor = (entityId: string) => controllers.require<SwitchController>('switch', entityId);
  services.register('switch', 'turn_on', {
    name: 'Turn on',
    description: 'Turns a switch on.',
    fields: {},
    schema: noData,
    handle: ({ entityId, context }) => controllerFor(entityId).turnOn(context),
  });
  services.register('switch', 'turn_off', {
    name: 'Turn off',
    description: 'Turns a switch off.',
    fields: {},
    schema: noData,
    handle: ({ entityId, context }) => controllerFor(entityId).turnOff(context),
  });
  services.register('switch', 'toggle', {
    name: 'Toggle',
    description: 'Turns a switch off when it is on, on otherwise.',
    fields: {},
    schema: noData,
    handle: ({ entityId, context }) =>
      states.get(entityId)?.state === STATE_ON
        ? controllerFor(entityId).turnOff(context)
        : controllerFor(entityId).turnOn(context),
  });
}
