/**
 * Wire types of hearth's own settings commands (`hearth/users/*`, `hearth/mqtt_devices/*`, the
 * health and log subscriptions). Free of zod, so the panel imports them at no cost; the schemas of
 * the health and log payloads are in hub-health.ts and log-lines.ts.
 */

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

/** Any signed-in user: the hub's health (`HubHealth`, hub-health.ts), a snapshot then a reading every few seconds. */
export const HEALTH_SUBSCRIBE = 'hearth/health/subscribe';

/** The owner only: the hub's recent log lines, then each new one (`{ lines: LogLine[] }`, log-lines.ts). */
export const LOGS_SUBSCRIBE = 'hearth/logs/subscribe';

/** pino's level names, least severe first. */
export const LOG_LINE_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLineLevel = (typeof LOG_LINE_LEVELS)[number];
