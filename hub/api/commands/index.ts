import { callService } from './call-service.ts';
import type { CommandHandler } from './command-handler.ts';
import { currentUser } from './current-user.ts';
import { getConfig } from './get-config.ts';
import { getServices } from './get-services.ts';
import { getStates } from './get-states.ts';
import { ping } from './ping.ts';
import { listAreas, listDevices, listEntities } from './registry-lists.ts';
import { subscribeEntities } from './subscribe-entities.ts';
import { subscribeEvents } from './subscribe-events.ts';
import { subscribeMqttStatus } from './subscribe-mqtt-status.ts';
import { supportedFeatures } from './supported-features.ts';
import { unsubscribeEvents } from './unsubscribe-events.ts';

/** Every WebSocket command hearth answers, by message type. */
export const COMMANDS: ReadonlyMap<string, CommandHandler> = new Map(
  [
    ping,
    supportedFeatures,
    getStates,
    getConfig,
    getServices,
    subscribeEvents,
    unsubscribeEvents,
    subscribeEntities,
    callService,
    currentUser,
    listAreas,
    listDevices,
    listEntities,
    subscribeMqttStatus,
  ].map((command) => [command.type, command]),
);
