import type { MqttTransport } from './core/mqtt-transport.ts';
import { RegistryDisplay } from './core/registry-display.ts';
import { MqttDiscovery } from './discovery/mqtt-discovery.ts';
import type { HubContext } from './hub-context.ts';

/** A feature of the hub: `start()` subscribes and starts timers, `stop()` undoes exactly that. */
export interface Extension {
  readonly name: string;
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

/** The built-in extensions, in start order. */
export function builtInExtensions(hub: HubContext, mqtt: MqttTransport): Extension[] {
  const discovery = new MqttDiscovery(
    { ...hub, log: hub.log.child('discovery'), mqtt, commandTimeoutMs: hub.config.commandTimeoutMs },
    { prefix: hub.config.discoveryPrefix, maxPayloadBytes: 64 * 1024 },
  );
  const display = new RegistryDisplay(hub);
  return [
    { name: 'registry-display', start: () => display.start(), stop: () => display.stop() },
    // Before discovery: the last states are back before any device speaks, and recording has begun.
    { name: 'recorder', start: () => hub.recorder.start(), stop: () => hub.recorder.stop() },
    { name: 'mqtt-discovery', start: () => discovery.start(), stop: () => discovery.stop() },
  ];
}
