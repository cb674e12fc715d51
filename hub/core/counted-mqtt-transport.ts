import type { Traffic } from './hub-metrics.ts';
import type { MessageHandler, MqttTransport, PublishOptions } from './mqtt-transport.ts';

/**
 * The hub's MQTT transport, counting the messages its subscriptions receive and the ones it
 * publishes, for `/metrics`. The handler wrapper is made once per subscription: a message costs
 * one increment.
 */
export function countedMqttTransport(inner: MqttTransport, traffic: Traffic): MqttTransport {
  return {
    get connected() {
      return inner.connected;
    },
    subscribe(filter: string, handler: MessageHandler) {
      return inner.subscribe(filter, (topic, payload) => {
        traffic.mqttMessagesIn++;
        handler(topic, payload);
      });
    },
    publish(topic: string, payload: string | Buffer, options?: PublishOptions) {
      traffic.mqttMessagesOut++;
      inner.publish(topic, payload, options);
    },
    onReconnect: (fn) => inner.onReconnect(fn),
  };
}
