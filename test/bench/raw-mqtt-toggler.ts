import type { MqttClient } from 'mqtt';
import { connectMqtt } from '../../device-sim/mqtt-connect.ts';
import type { Toggler } from './toggler.ts';

/**
 * The baseline: the same toggle without hearth. A controller client publishes the command on the
 * device's `/set` topic, exactly as the hub would (same payload, QoS 0), and waits for the device's
 * state report (subscribed at QoS 1, as the hub subscribes). TCP_NODELAY on, as everywhere here.
 */
export async function rawMqttToggler(mqttUrl: string, devices: readonly string[]): Promise<Toggler> {
  const client: MqttClient = await connectMqtt(mqttUrl, { clientId: `hearth-bench-raw-${process.pid}` });
  const states = new Map<string, string>();
  let waiting: { topic: string; state: string; resolve: () => void } | undefined;
  client.on('message', (topic, payload) => {
    const state = (JSON.parse(payload.toString()) as { state?: string }).state;
    if (state === undefined) return;
    states.set(topic, state);
    if (waiting && waiting.topic === topic && waiting.state === state) waiting.resolve();
  });
  await client.subscribeAsync(
    Object.fromEntries(devices.map((device) => [`hearth/${device}`, { qos: 1 as const }])),
  );
  return {
    name: 'raw MQTT',
    async toggle(device) {
      const topic = `hearth/${device}`;
      const state = states.get(topic) === 'ON' ? 'OFF' : 'ON';
      const start = performance.now();
      await new Promise<void>((resolve) => {
        waiting = { topic, state, resolve };
        // The payload hearth sends for light.turn_on / turn_off of a json-schema light.
        client.publish(`${topic}/set`, `{"state": "${state}"}`, { qos: 0 });
      });
      waiting = undefined;
      return performance.now() - start;
    },
    async close() {
      await client.endAsync();
    },
  };
}
