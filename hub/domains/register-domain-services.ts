import type { ServiceRegistry } from '../core/service-registry.ts';
import type { StateMachine } from '../core/state-machine.ts';
import { registerButtonServices } from './button-services.ts';
import { registerClimateServices } from './climate-services.ts';
import { registerCoverServices } from './cover-services.ts';
import type { EntityControllers } from './entity-controllers.ts';
import { registerFanServices } from './fan-services.ts';
import { registerHomeAssistantServices } from './homeassistant-services.ts';
import { registerLightServices } from './light-services.ts';
import { registerLockServices } from './lock-services.ts';
import { registerNumberServices } from './number-services.ts';
import { registerSelectServices } from './select-services.ts';
import { registerSwitchServices } from './switch-services.ts';

/** A domain's services: registered once at start, looking controllers up per call. */
export type RegisterServices = (
  services: ServiceRegistry,
  states: StateMachine,
  controllers: EntityControllers,
) => void;

/** Every domain's services (https://www.home-assistant.io/docs/scripts/perform-actions/). */
export function registerDomainServices(
  services: ServiceRegistry,
  states: StateMachine,
  controllers: EntityControllers,
): void {
  for (const register of [
    registerLightServices,
    registerSwitchServices,
    registerClimateServices,
    registerCoverServices,
    registerLockServices,
    registerFanServices,
    registerNumberServices,
    registerSelectServices,
    registerButtonServices,
  ]) {
    register(services, states, controllers);
  }
  // Last: it acts on whatever domains are registered.
  registerHomeAssistantServices(services);
}
