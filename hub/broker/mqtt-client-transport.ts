import net from 'node:net';
import tls from 'node:tls';
import { MqttClient } from 'mqtt';
import type { Logger } from '../core/logger.ts';
import type { MessageHandler, MqttTransport, PublishOptions } from '../core/mqtt-transport.ts';
import { TopicRouter } from '../core/topic-router.ts';

export interface MqttClientOptions {
  /** `mqtt[s]://[user:password@]host:port` */
  url: string;
  /** Overrides the URL's user and password: the hub's own credential on its embedded broker. */
  credentials?: { username: string; password: string } | undefined;
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
  /** Filters whose SUBSCRIBE has not been answered yet. */
  private readonly subscribing = new Set<string>();

  constructor(private readonly options: MqttClientOptions) {}

  /** Resolves on the first CONNACK; mqtt.js reconnects and resubscribes by itself afterwards. */
  async connect(): Promise<void> {
    const url = new URL(this.options.url);
    if (url.protocol !== 'mqtt:' && url.protocol !== 'mqtts:')
      throw new Error(`unsupported MQTT URL scheme ${url.protocol} (use mqtt:// or mqtts://)`);
    const secure = url.protocol === 'mqtts:';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = url.port ? Number(url.port) : secure ? 8883 : 1883;
    // Never the URL itself in a message: it may hold a password.
    const shownUrl = `${url.protocol}//${url.host}`;
    const { log, will, credentials } = this.options;
    const username = credentials?.username ?? (url.username && decodeURIComponent(url.username));
    const password = credentials?.password ?? (url.password && decodeURIComponent(url.password));
    const connect = () => {
      if (!secure) return net.createConnection({ host, port, noDelay: true });
      const socket = tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }) });
      socket.setNoDelay(true);
      return socket;
    };
    const client = new MqttClient(connect, {
      clientId: this.options.clientId,
      protocolVersion: 4,
      clean: true,
      keepalive: 30,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      ...(username && { username }),
      ...(password && { password }),
      ...(will && { will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 0, retain: false } }),
    });
    this.client = client;
    client.on('message', (topic, payload) =>
      this.router.dispatch(topic, payload, (error, at) =>
        log.error(
          `mqtt: handling ${at} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
      ),
    );
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
        reject(new Error(`cannot connect to ${shownUrl}: ${error.message}`));
      };
      client.once('connect', onConnect);
      client.once('error', onError);
    });
  }

  subscribe(filter: string, handler: MessageHandler): () => void {
    const isNew = this.router.add(filter, handler);
    // A filter another handler already has is subscribed again, so that the broker re-sends its
    // retained messages [MQTT-3.8.4-3], which this handler has not seen (an entity discovered
    // later than others on the same availability topic; Home Assistant's client does the same).
    // Not while a SUBSCRIBE for it awaits its SUBACK: the retained messages are still to come,
    // to every handler. mqtt.js skips a filter it knows unless told `resubscribe`.
    if (!isNew && this.subscribing.has(filter)) return () => this.unsubscribe(filter, handler);
    this.subscribing.add(filter);
    this.client?.subscribe(
      isNew ? filter : Object.assign({ [filter]: { qos: 1 as const } }, { resubscribe: true }),
      { qos: 1 },
      () => this.subscribing.delete(filter),
    );
    return () => this.unsubscribe(filter, handler);
  }

  private unsubscribe(filter: string, handler: MessageHandler): void {
    if (this.router.remove(filter, handler)) this.client?.unsubscribe(filter);
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
