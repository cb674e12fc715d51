import type { MqttClient } from 'mqtt';
import { connectMqtt } from '../../device-sim/mqtt-connect.ts';

export interface ObservedMessage {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
}

type Waiter = { readonly check: () => boolean };

/** A real mqtt.js client that records what it receives, for tests to wait on. */
export class MqttObserver {
  readonly messages: ObservedMessage[] = [];
  readonly #client: MqttClient;
  readonly #waiters = new Set<Waiter>();

  private constructor(client: MqttClient) {
    this.#client = client;
    client.on('message', (topic, payload, packet) => {
      this.messages.push({ topic, payload: payload.toString('utf8'), retain: packet.retain });
      for (const waiter of this.#waiters) waiter.check();
    });
  }

  static async connect(url: string, topics: readonly string[]): Promise<MqttObserver> {
    const client = await connectMqtt(url, {
      clientId: `observer-${Math.random().toString(16).slice(2, 10)}`,
    });
    const observer = new MqttObserver(client);
    if (topics.length > 0) await client.subscribeAsync([...topics], { qos: 1 });
    return observer;
  }

  /** Messages received so far on `topic` (exact) */
  on(topic: string): ObservedMessage[] {
    return this.messages.filter((message) => message.topic === topic);
  }

  /** Resolves with the matching messages once there are at least `count` of them. */
  waitFor(
    match: (message: ObservedMessage) => boolean,
    count = 1,
    timeoutMs = 5000,
  ): Promise<ObservedMessage[]> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const found = this.messages.filter(match);
          if (found.length < count) return false;
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve(found);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(
          new Error(`timed out waiting for ${count} messages, got ${this.messages.filter(match).length}`),
        );
      }, timeoutMs);
      if (!waiter.check()) this.#waiters.add(waiter);
    });
  }

  clear(): void {
    this.messages.length = 0;
  }

  async publish(topic: string, payload: string, options: { retain?: boolean } = {}): Promise<void> {
    await this.#client.publishAsync(topic, payload, { qos: 1, retain: options.retain ?? false });
  }

  async close(): Promise<void> {
    await this.#client.endAsync(true);
  }
}

/** Waits until no message arrives for `quietMs`: for asserting that something did NOT happen. */
export async function settle(quietMs = 100): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, quietMs));
}
