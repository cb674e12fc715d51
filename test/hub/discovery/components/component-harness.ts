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
import { EntityControllers } from '../../../../hub/domains/entity-controllers.ts';
import { registerDomainServices } from '../../../../hub/domains/register-domain-services.ts';
import type { Context } from '../../../../hub/protocol/entity-state.ts';
import { FakeClock } from '../../core/fake-clock.ts';
import { FakeMqtt } from '../fake-mqtt.ts';

export const COMMAND_TIMEOUT_MS = 5000;

export type Settlement = 'pending' | 'resolved' | 'rejected';

/** A service call in flight. */
export interface TrackedCall {
  /** The call's result: its context, or the HubError it failed with. */
  readonly done: Promise<Context>;
  /** Where the call stands once pending callbacks have run. */
  settled(): Promise<Settlement>;
}

/**
 * MQTT discovery, every domain's services and a fake broker, on a fake clock: a test delivers
 * discovery configs and device reports, calls services as the WebSocket API does, and reads what
 * the hub published as `"<topic> <payload>"` lines.
 */
export function startHarness() {
  const clock = new FakeClock();
  const warnings: string[] = [];
  const log: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };
  const bus = new EventBus(log);
  const confirmations = new CommandConfirmations(clock);
  const states = new StateMachine(bus, clock, confirmations);
  const mqtt = new FakeMqtt();
  const controllers = new EntityControllers();
  const ctx = {
    mqtt,
    states,
    confirmations,
    controllers,
    clock,
    log,
    commandTimeoutMs: COMMAND_TIMEOUT_MS,
    entities: new EntityRegistry(bus),
    devices: new DeviceRegistry(bus),
    areas: new AreaRegistry(bus),
  };
  new MqttDiscovery(ctx, { prefix: 'homeassistant', maxPayloadBytes: 65536 }).start();
  const services = new ServiceRegistry(states, clock, new TargetResolver(ctx));
  registerDomainServices(services, states, controllers);
  let taken = mqtt.published.length;

  return {
    ...ctx,
    services,
    warnings,
    call(
      domain: string,
      service: string,
      entityId: string,
      serviceData: Record<string, unknown> = {},
    ): TrackedCall {
      let settlement: Settlement = 'pending';
      const done = services.call({
        domain,
        service,
        serviceData,
        target: { entity_id: [entityId] },
        userId: 'u1',
      });
      done.then(
        () => {
          settlement = 'resolved';
        },
        () => {
          settlement = 'rejected';
        },
      );
      return {
        done,
        settled: async () => {
          await flush();
          return settlement;
        },
      };
    },
    /** What the hub published since the last take, as `"<topic> <payload>"`. */
    take(): string[] {
      const lines = mqtt.published.slice(taken).map((p) => `${p.topic} ${p.payload}`);
      taken = mqtt.published.length;
      return lines;
    },
  };
}

export type Harness = ReturnType<typeof startHarness>;

/** Lets pending promise callbacks run. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
