import { MqttClient } from 'mqtt';
import { type Clock, settlesWithin, type TimerHandle } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { MessageHandler, MqttTransport, PublishOptions } from '../core/mqtt-transport.ts';
import { TopicRouter } from '../core/topic-router.ts';
import { GOODBYE_GRACE_MS } from '../protocol/mqtt-goodbye.ts';
import type { HeldPublish } from './held-publishes.ts';
import { HeldPublishes } from './held-publishes.ts';
import type { MqttEndpoint } from './mqtt-endpoint.ts';
import { openMqttStream } from './mqtt-endpoint.ts';
import type { BackoffOptions } from './reconnect-backoff.ts';
import { reconnectDelayMs } from './reconnect-backoff.ts';

export interface MqttClientOptions {
  endpoint: MqttEndpoint;
  /** The broker as it may be logged (no password). */
  displayUrl: string;
  clientId: string;
  log: Logger;
  clock: Clock;
  /** The last will, e.g. `homeassistant/status` = `offline`. */
  will?: { topic: string; payload: string };
  reconnect: BackoffOptions;
  /** How long a publish that cannot go out now is kept for the next connection, in ms. */
  holdMs: number;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/** Filters per SUBSCRIBE packet when resubscribing: some brokers cap packet size (EMQX: 1 MB). */
const RESUBSCRIBE_BATCH = 1000;
/** Publishes held while disconnected, at most: a bound on memory during a long outage. */
const MAX_HELD = 10_000;

/**
 * The hub's MQTT client, for the embedded and an external broker alike. It owns reconnection
 * rather than leaving it to mqtt.js, whose fixed-period retry and unbounded offline queue would
 * replay stale commands:
 * - reconnects with capped exponential backoff and jitter;
 * - on every connection, subscribes again to every filter (the session is clean, so the broker
 *   forgot them [MQTT-3.1.2-6]) — the broker then sends the retained messages [MQTT-3.3.1-6], which
 *   resyncs states — then runs the reconnect listeners (the birth message), then sends the
 *   publishes held meanwhile that are still within their deadline;
 * - a publish while disconnected, or a QoS 1 publish the broker had not acknowledged when the link
 *   dropped, is held until `holdMs` after it was made, then dropped (QoS 1 is at least once, so a
 *   resend is within its contract [MQTT-4.3.2]).
 */
export class MqttClientTransport implements MqttTransport {
  private readonly router = new TopicRouter();
  private readonly filters = new Set<string>();
  /** Filters whose SUBSCRIBE has not been answered yet. */
  private readonly subscribing = new Set<string>();
  private readonly held: HeldPublishes = new HeldPublishes(MAX_HELD);
  /** QoS 1 publishes sent but not yet acknowledged by the broker. */
  private readonly unacknowledged = new Set<HeldPublish>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();
  private client: MqttClient | undefined;
  private isConnected = false;
  private connectedOnce = false;
  private closing = false;
  private errorLogged = false;
  private attempt = 0;
  private retryTimer: TimerHandle | undefined;
  private readonly random: () => number;

  constructor(private readonly options: MqttClientOptions) {
    this.random = options.random ?? Math.random;
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** Resolves on the first CONNACK; rejects if the first attempt fails (a wrong URL, password or CA). */
  async connect(): Promise<void> {
    const { endpoint, log, will, displayUrl } = this.options;
    const client = new MqttClient(() => openMqttStream(endpoint), {
      clientId: this.options.clientId,
      protocolVersion: 4,
      clean: true,
      keepalive: 30,
      connectTimeout: 10_000,
      // Reconnecting, resubscribing and holding messages are done here, with deadlines.
      reconnectPeriod: 0,
      resubscribe: false,
      queueQoSZero: false,
      ...(endpoint.username !== undefined && { username: endpoint.username }),
      ...(endpoint.password !== undefined && { password: endpoint.password }),
      ...(will && { will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 0, retain: false } }),
    });
    this.client = client;
    const onHandlerError = (error: unknown, at: string) =>
      log.error(
        `mqtt: handling ${at} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    client.on('message', (topic, payload) => this.router.dispatch(topic, payload, onHandlerError));

    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        client.off('connect', onConnect);
        client.off('error', onError);
        client.off('close', onClose);
        if (!error) {
          resolve();
          return;
        }
        this.closing = true;
        client.end(true);
        reject(new Error(`cannot connect to ${displayUrl}: ${error.message}`));
      };
      const onConnect = () => settle();
      const onError = (error: Error) => settle(error);
      const onClose = () => settle(new Error('the broker closed the connection'));
      client.on('connect', () => this.onConnected());
      client.once('connect', onConnect);
      client.once('error', onError);
      client.once('close', onClose);
    });
    // Only now: a first attempt that fails is the caller's error, not a reason to retry.
    client.on('close', () => this.onClosed());
    client.on('error', (error) => {
      // Once per outage: a broker down for an hour must not fill the log.
      if (this.errorLogged) return;
      this.errorLogged = true;
      log.warn(`mqtt: ${displayUrl}: ${error.message}`);
    });
  }

  subscribe(filter: string, handler: MessageHandler): () => void {
    const isNew = this.router.add(filter, handler);
    if (isNew) this.filters.add(filter);
    // A filter another handler already has is subscribed again, so that the broker re-sends its
    // retained messages [MQTT-3.8.4-3], which this handler has not seen (an entity discovered
    // later than others on the same availability topic; Home Assistant's client does the same).
    // Not while a SUBSCRIBE for it awaits its SUBACK: the retained messages are still to come,
    // to every handler. mqtt.js skips a filter it knows unless told `resubscribe`.
    if (this.isConnected && (isNew || !this.subscribing.has(filter))) {
      this.subscribing.add(filter);
      this.client?.subscribe(
        isNew ? filter : Object.assign({ [filter]: { qos: 1 as const } }, { resubscribe: true }),
        { qos: 1 },
        () => this.subscribing.delete(filter),
      );
    }
    return () => {
      if (this.router.remove(filter, handler)) {
        this.filters.delete(filter);
        if (this.isConnected) this.client?.unsubscribe(filter);
      }
    };
  }

  onReconnect(fn: () => void): () => void {
    this.reconnectListeners.add(fn);
    return () => this.reconnectListeners.delete(fn);
  }

  /** Runs `fn` with `true` on every connection (the first included) and `false` on every loss. */
  onConnectionChange(fn: (connected: boolean) => void): () => void {
    this.connectionListeners.add(fn);
    return () => this.connectionListeners.delete(fn);
  }

  publish(topic: string, payload: string | Buffer, options: PublishOptions = {}): void {
    // The hot path (a command at QoS 0): nothing to keep.
    if (this.isConnected && !options.qos) {
      this.client?.publish(topic, payload, { qos: 0, retain: options.retain ?? false });
      return;
    }
    const message = { topic, payload, options, deadline: this.options.clock.now() + this.options.holdMs };
    if (this.isConnected) this.send(message);
    else this.hold(message);
  }

  async close(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.closing = true;
    if (this.retryTimer) this.options.clock.clearTimeout(this.retryTimer);
    const clean = this.isConnected;
    this.isConnected = false;
    // A clean DISCONNECT makes the broker discard the will [MQTT-3.14.4-3]. mqtt.js sends it once
    // every QoS 1 publish in flight is acknowledged: a broker that stopped answering would hold the
    // hub's shutdown, and the recorder's last writes after it, for ever. The wait is bounded.
    const ended = new Promise<void>((resolve) => client.end(!clean, {}, () => resolve()));
    if (!(await settlesWithin(this.options.clock, ended, GOODBYE_GRACE_MS))) {
      this.options.log.warn(
        `mqtt: ${this.options.displayUrl} did not acknowledge within ${GOODBYE_GRACE_MS} ms; dropped the connection`,
      );
      client.stream.destroy();
    }
  }

  private send(message: HeldPublish): void {
    const qos = message.options.qos ?? 0;
    const retain = message.options.retain ?? false;
    if (qos === 0) {
      this.client?.publish(message.topic, message.payload, { qos, retain });
      return;
    }
    this.unacknowledged.add(message);
    // On an error the link is going down: `onClosed` holds the message for the next connection.
    this.client?.publish(message.topic, message.payload, { qos, retain }, (error) => {
      if (!error) this.unacknowledged.delete(message);
    });
  }

  private hold(message: HeldPublish): void {
    const dropped = this.held.hold(message, this.options.clock.now());
    if (dropped > 0)
      this.options.log.warn(`mqtt: ${dropped} held message(s) dropped: more than ${MAX_HELD} waiting`);
  }

  private onConnected(): void {
    const { log, displayUrl, clock } = this.options;
    const client = this.client;
    if (!client || this.closing) return;
    this.isConnected = true;
    this.attempt = 0;
    this.errorLogged = false;
    log.info(`mqtt: connected to ${displayUrl}`);
    if (this.connectedOnce) {
      const filters = [...this.filters];
      for (let i = 0; i < filters.length; i += RESUBSCRIBE_BATCH) {
        const batch = filters.slice(i, i + RESUBSCRIBE_BATCH);
        client.subscribe(Object.fromEntries(batch.map((filter) => [filter, { qos: 1 as const }])));
      }
      for (const listener of this.reconnectListeners) listener();
      const live = this.held.takeLive(clock.now());
      if (live.length > 0) log.info(`mqtt: sending ${live.length} message(s) held while disconnected`);
      for (const message of live) this.send(message);
    }
    this.connectedOnce = true;
    for (const listener of this.connectionListeners) listener(true);
  }

  private onClosed(): void {
    const client = this.client;
    if (!client || this.closing) return;
    // SUBACKs of the lost connection never come; the reconnect subscribes to every filter anew.
    this.subscribing.clear();
    if (this.isConnected) {
      this.isConnected = false;
      this.options.log.warn(`mqtt: connection to ${this.options.displayUrl} lost, reconnecting`);
      // The broker may or may not have these; within their deadline they go again.
      for (const message of this.unacknowledged) this.hold(message);
      this.unacknowledged.clear();
      for (const listener of this.connectionListeners) listener(false);
    }
    if (this.retryTimer) this.options.clock.clearTimeout(this.retryTimer);
    const delay = reconnectDelayMs(this.attempt++, this.options.reconnect, this.random);
    this.options.log.debug(`mqtt: next attempt in ${delay} ms`);
    // `reconnect()` without stores gives mqtt.js empty ones: it has nothing of its own to replay.
    this.retryTimer = this.options.clock.setTimeout(() => {
      if (!this.closing) client.reconnect();
    }, delay);
  }
}
