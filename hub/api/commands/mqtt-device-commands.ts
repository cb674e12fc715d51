import { z } from 'zod';
import { CredentialError } from '../../broker/device-credentials.ts';
import type { MqttDeviceAdmin } from '../../broker/mqtt-device-admin.ts';
import { HubError } from '../../core/hub-error.ts';
import type { HubContext } from '../../hub-context.ts';
import type { CreatedMqttDevice, MqttDeviceEntry } from '../../protocol/settings-messages.ts';
import type { ApiConnection } from '../api-connection.ts';
import { defineCommand } from './command-handler.ts';
import { requireOwner } from './require-owner.ts';

const username = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

/** The owner's view of the embedded broker's credentials; an external broker keeps its own users. */
function devicesFor(connection: ApiConnection, hub: HubContext): MqttDeviceAdmin {
  requireOwner(connection);
  if (!hub.mqttDevices)
    throw new HubError('not_supported', 'The hub uses an external broker: manage its users there.');
  return hub.mqttDevices;
}

/** `hearth/mqtt_devices/list`: the devices that may connect to the embedded broker (owner only). */
export const listMqttDevices = defineCommand({
  type: 'hearth/mqtt_devices/list',
  schema: z.looseObject({}),
  handle: (connection, message, { hub }) => {
    const devices: MqttDeviceEntry[] = devicesFor(connection, hub)
      .list()
      .map((device) => ({ username: device.username, created_at: new Date(device.createdAt).toISOString() }));
    connection.sendResult(message.id, devices);
  },
});

/** `hearth/mqtt_devices/create`, as `hearth device add`: the generated password is answered once. */
export const createMqttDevice = defineCommand({
  type: 'hearth/mqtt_devices/create',
  schema: z.looseObject({ username }),
  handle: async (connection, message, { hub }) => {
    const devices = devicesFor(connection, hub);
    let password: string;
    try {
      password = await devices.add(message.username);
    } catch (error) {
      if (error instanceof CredentialError) throw new HubError('invalid_info', error.message);
      throw error;
    }
    hub.log.info(`mqtt: ${connection.user.name} added the device credential ${message.username}`);
    const created: CreatedMqttDevice = { username: message.username, password };
    connection.sendResult(message.id, created);
  },
});

/** `hearth/mqtt_devices/delete`: the credential goes, and a device connected with it is disconnected. */
export const deleteMqttDevice = defineCommand({
  type: 'hearth/mqtt_devices/delete',
  schema: z.looseObject({ username }),
  handle: (connection, message, { hub }) => {
    if (!devicesFor(connection, hub).remove(message.username))
      throw new HubError('not_found', `No device named "${message.username}".`);
    hub.log.info(`mqtt: ${connection.user.name} removed the device credential ${message.username}`);
    connection.sendResult(message.id, null);
  },
});
