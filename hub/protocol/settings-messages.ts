/** Wire types of hearth's own settings commands (`hearth/users/*`, `hearth/mqtt_devices/*`). */

/** One entry of `hearth/users/list`. */
export interface HubUserEntry {
  id: string;
  name: string;
  is_owner: boolean;
  /** False for a user who signs in only by a login code or a token (the demo's owner). */
  has_password: boolean;
  created_at: string;
  /** The user of the connection that asked. */
  is_current: boolean;
}

/** One entry of `hearth/mqtt_devices/list`: a device's MQTT username, never its password. */
export interface MqttDeviceEntry {
  username: string;
  created_at: string;
}

/** The result of `hearth/mqtt_devices/create`: the password, shown once, kept only as a hash. */
export interface CreatedMqttDevice {
  username: string;
  password: string;
}
