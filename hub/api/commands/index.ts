import { createArea, deleteArea, updateArea } from './area-registry-commands.ts';
import { createLongLivedToken, deleteRefreshToken, listRefreshTokens } from './auth-tokens.ts';
import { callService } from './call-service.ts';
import type { CommandHandler } from './command-handler.ts';
import { currentUser } from './current-user.ts';
import { updateDevice } from './device-registry-commands.ts';
import { getEntityEntry, removeEntityEntry, updateEntityEntry } from './entity-registry-commands.ts';
import { getConfig } from './get-config.ts';
import { getServices } from './get-services.ts';
import { getStates } from './get-states.ts';
import { historyDuringPeriod, logbookGetEvents, statisticsDuringPeriod } from './history-commands.ts';
import { createMqttDevice, deleteMqttDevice, listMqttDevices } from './mqtt-device-commands.ts';
import { ping } from './ping.ts';
import { listAreas, listDevices, listEntities } from './registry-lists.ts';
import { subscribeEntities } from './subscribe-entities.ts';
import { subscribeEvents } from './subscribe-events.ts';
import { subscribeHealth } from './subscribe-health.ts';
import { subscribeLogs } from './subscribe-logs.ts';
import { subscribeMqttStatus } from './subscribe-mqtt-status.ts';
import { supportedFeatures } from './supported-features.ts';
import { unsubscribeEvents } from './unsubscribe-events.ts';
import { createUser, deleteUser, listUsers } from './user-commands.ts';

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
    listRefreshTokens,
    createLongLivedToken,
    deleteRefreshToken,
    listAreas,
    listDevices,
    listEntities,
    getEntityEntry,
    updateEntityEntry,
    removeEntityEntry,
    updateDevice,
    createArea,
    updateArea,
    deleteArea,
    historyDuringPeriod,
    logbookGetEvents,
    statisticsDuringPeriod,
    subscribeMqttStatus,
    subscribeHealth,
    subscribeLogs,
    listUsers,
    createUser,
    deleteUser,
    listMqttDevices,
    createMqttDevice,
    deleteMqttDevice,
  ].map((command) => [command.type, command]),
);
