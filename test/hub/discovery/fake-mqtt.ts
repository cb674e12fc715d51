import type { MessageHandler, MqttTransport, PublishOptions } from '../../../hub/core/mqtt-transport.ts';
import { TopicRouter } from '../../../hub/core/topic-router.ts';

/** An in-memory MQTT transport for unit tests of one module; the real broker is tested end to end. */
export class FakeMqtt implements MqttTransport {
  connected = true;
  readonly published: { topic: string; payload: string; options: PublishOptions }[] = [];
  private readonly router = new TopicRouter();
  /** Called on each publish, e.g. to play a device that answers. */
  onPublish: (topic: string, payload: string) => void = () => {};

  subscribe(filter: string, handler: MessageHandler): () => void {
    this.router.add(filter, handler);
    return () => this.router.remove(filter, handler);
  }

  publish(topic: string, payload: string | Buffer, options: PublishOptions = {}): void {
    this.published.push({ topic, payload: payload.toString(), options });
    this.onPublish(topic, payload.toString());
  }

  onReconnect(): () => void {
    return () => {};
  }

  /** A message from a device. */
  deliver(topic: string, payload: string | object): void {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    this.router.dispatch(topic, Buffer.from(text), (error) => {
      throw error;
    });
  }
}
