import type { AuthStore } from './auth/auth-store.ts';
import type { MqttDeviceAdmin } from './broker/mqtt-device-admin.ts';
import type { HubConfig } from './config/hub-config.ts';
import type { AreaRegistry } from './core/area-registry.ts';
import type { Clock } from './core/clock.ts';
import type { CommandConfirmations } from './core/command-confirmations.ts';
import type { DeviceRegistry } from './core/device-registry.ts';
import type { EntityRegistry } from './core/entity-registry.ts';
import type { EventBus } from './core/event-bus.ts';
import type { HubMetrics } from './core/hub-metrics.ts';
import type { LogRing } from './core/log-ring.ts';
import type { Logger } from './core/logger.ts';
import type { MqttLink } from './core/mqtt-link.ts';
import type { ServiceRegistry } from './core/service-registry.ts';
import type { StateMachine } from './core/state-machine.ts';
import type { EntityControllers } from './domains/entity-controllers.ts';
import type { Recorder } from './recorder/recorder.ts';

/** Everything an extension may use, built once by the hub and passed to each. */
export interface HubContext {
  config: HubConfig;
  clock: Clock;
  log: Logger;
  bus: EventBus;
  states: StateMachine;
  entities: EntityRegistry;
  devices: DeviceRegistry;
  areas: AreaRegistry;
  services: ServiceRegistry;
  confirmations: CommandConfirmations;
  controllers: EntityControllers;
  auth: AuthStore;
  /** History: recording, restore at start, and the history, logbook and statistics queries. */
  recorder: Recorder;
  /** The link to the MQTT broker: up or down, and since when. */
  mqttLink: MqttLink;
  /** The embedded broker's device credentials; absent with an external broker, which keeps its own. */
  mqttDevices?: MqttDeviceAdmin;
  /** `/metrics`: what the parts count, for Prometheus. */
  metrics: HubMetrics;
  /** The hub's last log lines and a feed of new ones, for the owner's panel. */
  logs: LogRing;
}
