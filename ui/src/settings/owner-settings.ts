import type { ReadonlySignal } from '@preact/signals';
import { batch, signal } from '@preact/signals';
import type {
  CreatedMqttDevice,
  HubUserEntry,
  MqttDeviceEntry,
} from '../../../hub/protocol/settings-messages.ts';
import type { Command } from '../connection/hub-connection.ts';

export interface OwnerSettings {
  /** Everyone who may use the hub; null until loaded. */
  readonly users: ReadonlySignal<readonly HubUserEntry[] | null>;
  /** The embedded broker's device credentials; null until loaded, or with an external broker. */
  readonly devices: ReadonlySignal<readonly MqttDeviceEntry[] | null>;
  /** A device just added, with its password shown once: the hub keeps only its hash. */
  readonly createdDevice: ReadonlySignal<CreatedMqttDevice | null>;
  readonly error: ReadonlySignal<string | null>;
  load(): Promise<void>;
  addUser(name: string, password: string): Promise<boolean>;
  removeUser(name: string): Promise<void>;
  addDevice(username: string): Promise<void>;
  removeDevice(username: string): Promise<void>;
  dismissCreatedDevice(): void;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : 'The hub did not answer; try again.';

/** The owner's settings: people and MQTT device credentials, through `hearth/users/*` and `hearth/mqtt_devices/*`. */
export function createOwnerSettings(command: Command): OwnerSettings {
  const users = signal<readonly HubUserEntry[] | null>(null);
  const devices = signal<readonly MqttDeviceEntry[] | null>(null);
  const createdDevice = signal<CreatedMqttDevice | null>(null);
  const error = signal<string | null>(null);

  /** True when the action succeeded; a failure is shown, not thrown. */
  async function run(action: () => Promise<void>): Promise<boolean> {
    error.value = null;
    try {
      await action();
      return true;
    } catch (failure) {
      error.value = messageOf(failure);
      return false;
    }
  }

  async function reload(): Promise<void> {
    const [people, credentials] = await Promise.all([
      command({ type: 'hearth/users/list' }),
      // An external broker keeps its own users: the section is left out, not shown as an error.
      command({ type: 'hearth/mqtt_devices/list' }).catch(() => null),
    ]);
    batch(() => {
      users.value = people as HubUserEntry[];
      devices.value = credentials as MqttDeviceEntry[] | null;
    });
  }

  return {
    users,
    devices,
    createdDevice,
    error,
    load: async () => {
      await run(reload);
    },
    addUser: (name, password) =>
      run(async () => {
        await command({ type: 'hearth/users/create', name, password });
        await reload();
      }),
    removeUser: async (name) => {
      await run(async () => {
        await command({ type: 'hearth/users/delete', name });
        users.value = (users.peek() ?? []).filter((user) => user.name !== name);
      });
    },
    addDevice: async (username) => {
      await run(async () => {
        createdDevice.value = (await command({
          type: 'hearth/mqtt_devices/create',
          username,
        })) as CreatedMqttDevice;
        await reload();
      });
    },
    removeDevice: async (username) => {
      await run(async () => {
        await command({ type: 'hearth/mqtt_devices/delete', username });
        devices.value = (devices.peek() ?? []).filter((device) => device.username !== username);
      });
    },
    dismissCreatedDevice: () => {
      createdDevice.value = null;
    },
  };
}
