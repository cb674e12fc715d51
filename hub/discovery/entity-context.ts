import type { Clock } from '../core/clock.ts';
import type { CommandConfirmations } from '../core/command-confirmations.ts';
import type { Logger } from '../core/logger.ts';
import type { MqttTransport } from '../core/mqtt-transport.ts';
import type { StateMachine } from '../core/state-machine.ts';
import type { EntityControllers } from '../domains/entity-controllers.ts';

/** What an MQTT entity needs from the hub; passed in, never read from a global. */
export interface EntityContext {
  mqtt: MqttTransport;
  states: StateMachine;
  confirmations: CommandConfirmations;
  controllers: EntityControllers;
  clock: Clock;
  log: Logger;
  /** How long a command waits for the device to report the requested state. */
  commandTimeoutMs: number;
}
