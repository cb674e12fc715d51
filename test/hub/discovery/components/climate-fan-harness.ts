import { AreaRegistry } from '../../../../hub/core/area-registry.ts';
import { CommandConfirmations } from '../../../../hub/core/command-confirmations.ts';
import { DeviceRegistry } from '../../../../hub/core/device-registry.ts';
import { EntityRegistry } from '../../../../hub/core/entity-registry.ts';
import { EventBus } from '../../../../hub/core/event-bus.ts';
import type { Logger } from '../../../../hub/core/logger.ts';
import { silentLogger } from '../../../../hub/core/logger.ts';
import { ServiceRegistry } from '../../../../hub/core/service-registry.ts';
import { StateMachine } from '../../../../hub/core/state-machine.ts';
import { TargetResolver } from '../../../../hub/core/target-resolver.ts';
import { MqttDiscovery } from '../../../../hub/discovery/mqtt-discovery.ts';
import { registerClimateServices } from '../../../../hub/domains/climate-services.ts';
import { EntityControllers } from '../../../../hub/domains/entity-controllers.ts';
import { registerFanServices } from '../../../../hub/domains/fan-services.ts';
import type { Context } from '../../../../hub/protocol/entity-state.ts';
import { FakeClock } from '../../core/fake-clock.ts';
import { FakeMqtt } from '../fake-mqtt.ts';

/**
 * A hub without sockets for the climate and fan tests: discovery on a fake broker, the state
 * machine, and the climate and fan services, so a test reads as a transcript — config in,
 * service call, MQTT out, report in.
 */
export function startClimateFanHub() {
  const clock = new FakeClock();
  const warnings: string[] = [];
  const log: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };
  const bus = new EventBus(log);
  const confirmations = new CommandConfirmations(clock);
  const states = new StateMachine(bus, clock, confirmations);
  const controllers = new EntityControllers();
  const registries = {
    states,
    entities: new EntityRegistry(bus),
    devices: new DeviceRegistry(bus),
    areas: new AreaRegistry(bus),
  };
  const services = new ServiceRegistry(states, clock, new TargetResolver(registries));
  registerClimateServices(services, states, controllers);
  registerFanServices(services, states, controllers);
  const mqtt = new FakeMqtt();
  const ctx = { ...registries, mqtt, confirmations, controllers, clock, log, commandTimeoutMs: 5000 };
  const discovery = new MqttDiscovery(ctx, { prefix: 'homeassistant', maxPayloadBytes: 65536 });
  discovery.start();
  mqtt.published.length = 0;

  /** Calls a service; `settled()` tells whether it has resolved or rejected yet. */
  const call = (
    domain: string,
    service: string,
    entityId: string,
    serviceData: Record<string, unknown> = {},
  ) => {
    let outcome: 'pending' | 'resolved' | 'rejected' = 'pending';
    const done = services
      .call({ domain, service, serviceData, target: { entity_id: [entityId] }, userId: 'u1' })
      .then(
        (context: Context) => {
          outcome = 'resolved';
          return context;
        },
        (error: unknown) => {
          outcome = 'rejected';
          throw error;
        },
      );
    // Handled by whoever awaits `done`; this keeps an early rejection from being reported unhandled.
    done.catch(() => {});
    return { done, settled: () => flush().then(() => outcome) };
  };

  /** Payloads published since the last `take()`, as `topic payload` lines. */
  const take = (): string[] => mqtt.published.splice(0).map(({ topic, payload }) => `${topic} ${payload}`);

  return { ...ctx, services, discovery, warnings, call, take };
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
