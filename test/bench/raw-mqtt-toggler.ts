import type { MqttClient } from 'mqtt';
import { connectMqtt } from '../../device-sim/mqtt-connect.ts';
import { LightReports } from './light-reports.ts';
import type { Toggler } from './toggler.ts';

/**
 * The baseline: the same toggle without hearth. A controller client publishes the command on the
 * device's `/set` topic, exactly as the hub would (same payload, QoS 0), and waits for the device's
 * state report (subscribed at QoS 1, as the hub subscribes). TCP_NODELAY on, as everywhere here.
 */
export async function rawMqttToggler(mqttUrl: string, devices: readonly string[]): Promise<Toggler> {
  const client: MqttClient = await connectMqtt(mqttUrl, { clientId: `hearth-bench-raw-${process.pid}` });
  const reports = new LightReports();
  client.on('message', (topic, payload) => reports.receive(topic, payload.toString()));
  await client.subscribeAsync(
    Object.fromEntries(devices.map((device) => [`hearth/${device}`, { qos: 1 as const }])),
  );
  return {
    name: 'raw MQTT',
    toggle: (device) =>
      reports.toggle(device, (topic, payload) => client.publish(topic, payload, { qos: 0 })),
    async close() {
      await client.endAsync();
    },
  };
}
