import type { Aedes, AedesPublishPacket, PublishPacket } from 'aedes';
import type { Logger } from '../core/logger.ts';
import type { MessageHandler, MqttTransport, PublishOptions } from '../core/mqtt-transport.ts';
import type { RetainedIndexPersistence } from './retained-index-persistence.ts';

type Deliver = (packet: AedesPublishPacket, done: () => void) => void;

interface LocalSubscription {
  readonly handlers: Set<MessageHandler>;
  readonly deliver: Deliver;
  /** Whether aedes has the subscription and its retained messages have been sent. */
  live: boolean;
}

interface Delivery {
  readonly handlers: ReadonlySet<MessageHandler>;
  readonly topic: string;
  readonly payload: Buffer;
}

/**
 * The hub's connection to its own embedded broker, without a socket: subscriptions go straight
 * into aedes' message emitter and publishes straight into its publish pipeline. Over a TCP
 * loopback connection every command and every report crossed the kernel twice more than a raw
 * MQTT round trip does, and was encoded and parsed by mqtt.js and aedes on the way; that was most
 * of what hearth added to a toggle (test/bench/README.md).
 *
 * What a subscriber sees is what an MQTT client of aedes sees: retained messages matching a new
 * filter right after it is subscribed ([MQTT-3.3.1-6]), `$` topics not matched by a leading
 * wildcard ([MQTT-4.7.2-1]), and each message once per matching filter.
 */
export class InProcessTransport implements MqttTransport {
  /** In-process, the connection cannot drop. */
  readonly connected = true;
  private readonly subscriptions = new Map<string, LocalSubscription>();
  /** Messages aedes has emitted, handled in one microtask once aedes has finished its turn. */
  private inbox: Delivery[] = [];
  private readonly drainInbox = () => this.drain();

  constructor(
    private readonly broker: Aedes,
    private readonly retained: RetainedIndexPersistence,
    private readonly log: Logger,
  ) {}

  subscribe(filter: string, handler: MessageHandler): () => void {
    const existing = this.subscriptions.get(filter);
    if (!existing) this.add(filter, handler);
    else {
      existing.handlers.add(handler);
      // A handler joining a live filter gets its retained messages too, as an MQTT client's second
      // SUBSCRIBE would [MQTT-3.8.4-3] (an entity discovered later than another on the same
      // availability topic); one joining before then gets them with the others.
      if (existing.live) queueMicrotask(() => this.sendRetained(filter, existing, new Set([handler])));
    }
    return () => this.remove(filter, handler);
  }

  publish(topic: string, payload: string | Buffer, options: PublishOptions = {}): void {
    const packet: PublishPacket = {
      cmd: 'publish',
      topic,
      payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
      qos: options.qos ?? 0,
      retain: options.retain ?? false,
      dup: false,
    };
    this.broker.publish(packet, (error) => {
      if (error) this.log.warn(`mqtt: publishing ${topic} failed: ${error.message}`);
    });
  }

  /** In-process, the connection cannot drop. */
  onReconnect(): () => void {
    return () => {};
  }

  close(): void {
    for (const [filter, { deliver }] of this.subscriptions) this.broker.unsubscribe(filter, deliver, noop);
    this.subscriptions.clear();
  }

  private add(filter: string, handler: MessageHandler): void {
    const handlers = new Set([handler]);
    const blockDollar = filter.startsWith('+') || filter.startsWith('#');
    const deliver: Deliver = (packet, done) => {
      // The emitter waits for `done` before the next message to this subscriber; the hub's work
      // runs after aedes has handed the message to every client, so devices never wait on it.
      done();
      if (blockDollar && packet.topic.startsWith('$')) return;
      if (this.inbox.length === 0) queueMicrotask(this.drainInbox);
      this.inbox.push({ handlers, topic: packet.topic, payload: toBuffer(packet.payload) });
    };
    const subscription: LocalSubscription = { handlers, deliver, live: false };
    this.subscriptions.set(filter, subscription);
    this.broker.subscribe(filter, deliver, () => this.sendRetained(filter, subscription));
  }

  private remove(filter: string, handler: MessageHandler): void {
    const subscription = this.subscriptions.get(filter);
    if (!subscription) return;
    subscription.handlers.delete(handler);
    if (subscription.handlers.size > 0) return;
    this.subscriptions.delete(filter);
    this.broker.unsubscribe(filter, subscription.deliver, noop);
  }

  /**
   * What an MQTT client gets after its SUBSCRIBE: the retained messages the filter matches. Called
   * once the subscription is live; aedes stores a retained message before it emits it, so what
   * is read here is never older than a live message already delivered.
   */
  private sendRetained(
    filter: string,
    subscription: LocalSubscription,
    handlers: ReadonlySet<MessageHandler> = subscription.handlers,
  ): void {
    if (this.subscriptions.get(filter) !== subscription) return;
    subscription.live = true;
    for (const packet of this.retained.matching(filter.split('/')))
      this.dispatch(handlers, packet.topic, toBuffer(packet.payload));
  }

  private drain(): void {
    const inbox = this.inbox;
    this.inbox = [];
    for (const { handlers, topic, payload } of inbox) this.dispatch(handlers, topic, payload);
  }

  private dispatch(handlers: ReadonlySet<MessageHandler>, topic: string, payload: Buffer): void {
    for (const handler of handlers) {
      try {
        handler(topic, payload);
      } catch (error) {
        this.log.error(
          `mqtt: handling ${topic} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
  }
}

const toBuffer = (payload: string | Buffer): Buffer =>
  typeof payload === 'string' ? Buffer.from(payload) : payload;

function noop(): void {}
