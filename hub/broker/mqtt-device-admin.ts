import type { DeviceCredentialInfo } from './device-credentials.ts';

/**
 * The embedded broker's device credentials as the API manages them: a removal disconnects the
 * device at once (the broker's own check, `data_version`, sees only other processes' writes).
 */
export interface MqttDeviceAdmin {
  list(): DeviceCredentialInfo[];
  /** The new password; throws CredentialError for a bad or taken name. */
  add(username: string): Promise<string>;
  /** False when there was no such device. */
  remove(username: string): boolean;
}
