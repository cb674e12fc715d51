import net from 'node:net';
import { MqttClient } from 'mqtt';
import type { Logger } from '../core/logger.ts';
import type { MessageHandler, MqttTransport, PublishOptions } from '../core/mqtt-transport.ts';
import { TopicRouter } from '../core/topic-router.ts';

export interface MqttClientOptions {
  /** `mqtt://[user:password@]host:port` */
  url: string;
  clientId: string;
  log: Logger;
  /** The last will, e.g. `homeassistant/status` = `offline`. */
  will?: { topic: string; payload: string };
}

/**
 * The hub's MQTT client, for the embedded and an external broker alike. mqtt.js 5 does not set
 * TCP_NODELAY on its sockets, so the socket is built here with `noDelay`: without it a QoS 1
 * round trip on loopback takes 40–90 ms (Nagle against delayed ACKs) instead of ~0.25 ms.
 */
export class MqttClientTransport implements MqttTransport {
  private readonly router = new TopicRouter();
  private client: MqttClient | undefined;
  private readonly reconnectListeners = new Set<() => void>();
  private connectedOnce = false;

  constructor(private readonly options: MqttClientOptions) {}

  /** Resolves on the first CONNACK; mqtt.js reconnects and resubscribes by itself afterwards. */
  async connect(): Promise<void> {
    const url = new URL(this.options.url);
    if (url.protocol !== 'mqtt:')
      throw new Error(`unsupported MQTT URL scheme ${url.protocol} (use mqtt://)`);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = url.port ? Number(url.port) : 1883;
    const { log, will } = this.options;
    const client = new MqttClient(() => net.createConnection({ host, port, noDelay: true }), {
      clientId: this.options.clientId,
      protocolVersion: 4,
      clean: true,
      keepalive: 30,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      ...(url.username && { username: decodeURIComponent(url.username) }),
      ...(url.password && { password: decodeURIComponent(url.password) }),
      ...(will && { will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 0, retain: false } }),
    });
    this.client = client;
    const onHandlerError = (error: unknown, at: string) =>
      log.error(
        `mqtt: handling ${at} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    client.on('message', (topic, payload) => this.router.dispatch(topic, payload, onHandlerError));
    client.on('connect', () => {
      log.info(`mqtt: connected to ${url.host}`);
      if (this.connectedOnce) for (const listener of this.reconnectListeners) listener();
      this.connectedOnce = true;
    });
    client.on('offline', () => log.warn(`mqtt: connection to ${url.host} lost, reconnecting`));
    client.on('error', (error) => log.warn(`mqtt: ${error.message}`));

    await new Promise<void>((resolve, reject) => {
      const onConnect = () => {
        client.off('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        client.off('connect', onConnect);
        client.end(true);
        reject(new Error(`cannot connect to ${this.options.url}: ${error.message}`));
      };
      client.once('connect', onConnect);
      client.once('error', onError);
    });
  }

  subscribe(filter: string, handler: MessageHandler): () => void {
    if (this.router.add(filter, handler)) this.client?.subscribe(filter, { qos: 1 });
    return () => {
      if (this.router.remove(filter, handler)) this.client?.unsubscribe(filter);
    };
  }

  onReconnect(fn: () => void): () => void {
    this.reconnectListeners.add(fn);
    return () => this.reconnectListeners.delete(fn);
  }

  publish(topic: string, payload: string | Buffer, options: PublishOptions = {}): void {
    this.client?.publish(topic, payload, { qos: options.qos ?? 0, retain: options.retain ?? false });
  }

  async close(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
  }
}
