/**
 * The hub's link to its MQTT broker, as `GET /api/health` (`mqtt`) and the WebSocket subscription
 * `hearth/mqtt_status/subscribe` report it. hearth's own; Home Assistant has no such message.
 */
export interface MqttStatus {
  connected: boolean;
  /** When the link last came up or went down, ISO 8601. */
  since: string;
}

export const MQTT_STATUS_SUBSCRIBE = 'hearth/mqtt_status/subscribe';

/** Reads an `MqttStatus` from the wire; undefined when it is not one. */
export function parseMqttStatus(value: unknown): MqttStatus | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { connected, since } = value as Record<string, unknown>;
  if (typeof connected !== 'boolean' || typeof since !== 'string') return undefined;
  return { connected, since };
}
