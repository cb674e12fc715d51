import { AreaRegistry } from '../../../hub/core/area-registry.ts';
import { CommandConfirmations } from '../../../hub/core/command-confirmations.ts';
import { DeviceRegistry } from '../../../hub/core/device-registry.ts';
import { EntityRegistry } from '../../../hub/core/entity-registry.ts';
import { EventBus } from '../../../hub/core/event-bus.ts';
import { silentLogger } from '../../../hub/core/logger.ts';
import { ServiceRegistry } from '../../../hub/core/service-registry.ts';
import { StateMachine } from '../../../hub/core/state-machine.ts';
import { TargetResolver } from '../../../hub/core/target-resolver.ts';
import { EntityControllers } from '../../../hub/domains/entity-controllers.ts';
import type { RegisterServices } from '../../../hub/domains/register-domain-services.ts';
import type { Attributes } from '../../../hub/protocol/entity-state.ts';
import { FakeClock } from '../core/fake-clock.ts';

/**
 * One domain's services in front of a controller that records what it is asked, for one entity
 * in a given state: what the service layer decides, without any MQTT.
 */
export function withRecordingController(
  register: RegisterServices,
  entityId: string,
  methods: readonly string[],
  state: string,
  attributes: Attributes,
) {
  const clock = new FakeClock();
  const bus = new EventBus(silentLogger);
  const states = new StateMachine(bus, clock, new CommandConfirmations(clock));
  const registries = {
    states,
    entities: new EntityRegistry(bus),
    devices: new DeviceRegistry(bus),
    areas: new AreaRegistry(bus),
  };
  const services = new ServiceRegistry(states, clock, new TargetResolver(registries));
  const controllers = new EntityControllers();
  register(services, states, controllers);
  /** Each call as `[method, ...arguments before the context]`. */
  const calls: unknown[][] = [];
  const controller = Object.fromEntries(
    methods.map((method) => [
      method,
      async (...args: unknown[]) => {
        calls.push([method, ...args.slice(0, -1)]);
      },
    ]),
  );
  const [domain = ''] = entityId.split('.');
  controllers.set(domain, entityId, controller);
  states.set(entityId, state, attributes);
  const call = (service: string, serviceData: Record<string, unknown> = {}) =>
    services.call({ domain, service, serviceData, target: { entity_id: [entityId] }, userId: 'u1' });
  return { services, states, calls, call };
}
