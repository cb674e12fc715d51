/** The hub's view of MQTT: what discovery and entities need, whatever broker is behind it. */
export type MessageHandler = (topic: string, payload: Buffer) => void;

export interface PublishOptions {
  qos?: 0 | 1;
  retain?: boolean;
}

export interface MqttTransport {
  /** False while the broker is unreachable; publishes then wait, for a while (mqtt-client-transport.ts). */
  readonly connected: boolean;
  /** Subscribes `handler` to a topic filter (wildcards allowed); returns the unsubscribe. */
  subscribe(filter: string, handler: MessageHandler): () => void;
  publish(topic: string, payload: string | Buffer, options?: PublishOptions): void;
  /** Runs `fn` after each reconnect (not the first connect); returns the removal. */
  onReconnect(fn: () => void): () => void;
}
