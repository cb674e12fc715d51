import { AreaRegistry } from '../../hub/core/area-registry.ts';
import { CommandConfirmations } from '../../hub/core/command-confirmations.ts';
import { DeviceRegistry } from '../../hub/core/device-registry.ts';
import { EntityRegistry } from '../../hub/core/entity-registry.ts';
import { EventBus } from '../../hub/core/event-bus.ts';
import type { Logger } from '../../hub/core/logger.ts';
import { silentLogger } from '../../hub/core/logger.ts';
import { StateMachine } from '../../hub/core/state-machine.ts';
import { MqttDiscovery } from '../../hub/discovery/mqtt-discovery.ts';
import { EntityControllers } from '../../hub/domains/entity-controllers.ts';
import { FakeClock } from '../hub/core/fake-clock.ts';
import { FakeMqtt } from '../hub/discovery/fake-mqtt.ts';

/**
 * The hub's discovery and state path without sockets: MQTT discovery on an in-memory transport,
 * with the real registries and state machine. `FakeMqtt.deliver` rethrows whatever a handler
 * throws, so a property sees any error that would have reached the MQTT client.
 */
export function startDiscoveryHarness() {
  const clock = new FakeClock();
  const warnings: string[] = [];
  const log: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };
  const bus = new EventBus(log);
  const confirmations = new CommandConfirmations(clock);
  const states = new StateMachine(bus, clock, confirmations);
  const mqtt = new FakeMqtt();
  const context = {
    mqtt,
    states,
    confirmations,
    controllers: new EntityControllers(),
    clock,
    log,
    commandTimeoutMs: 5000,
    entities: new EntityRegistry(bus),
    devices: new DeviceRegistry(bus),
    areas: new AreaRegistry(bus),
  };
  const discovery = new MqttDiscovery(context, { prefix: 'homeassistant', maxPayloadBytes: 65536 });
  discovery.start();
  return { ...context, discovery, warnings };
}

/** What every entity state must look like, whatever a device sent. */
export function checkStates(states: StateMachine): void {
  for (const state of states.all()) {
    if (typeof state.state !== 'string' || state.state.length > 255)
      throw new Error(`${state.entity_id}: state ${JSON.stringify(state.state)}`);
    if (!/^[a-z_]+\.[a-z0-9_]+$/.test(state.entity_id)) throw new Error(`bad entity id ${state.entity_id}`);
    // Must serialize for the WebSocket API: no cycles, no BigInt.
    JSON.stringify(state.attributes);
  }
}
