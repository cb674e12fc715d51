import { z } from 'zod';
import { MQTT_STATUS_SUBSCRIBE } from '../../protocol/mqtt-status.ts';
import { defineCommand } from './command-handler.ts';

/**
 * `hearth/mqtt_status/subscribe`: the hub's link to its broker, for the panel's outage banner. A
 * snapshot event at once, then one per change; ended by `unsubscribe_events` or the socket closing.
 */
export const subscribeMqttStatus = defineCommand({
  type: MQTT_STATUS_SUBSCRIBE,
  schema: z.looseObject({}),
  handle: (connection, message, { hub }) => {
    const owner = `api/mqtt-status/${connection.remote}/${message.id}`;
    hub.bus.on(owner, 'mqttConnectionChanged', (status) =>
      connection.sendEvent(message.id, JSON.stringify(status)),
    );
    connection.subscriptions.set(message.id, () => hub.bus.removeListeners(owner));
    connection.sendResult(message.id, null);
    connection.sendEvent(message.id, JSON.stringify(hub.mqttLink.status));
  },
});
