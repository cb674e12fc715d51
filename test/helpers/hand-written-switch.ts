import type { MqttClient } from 'mqtt';
import mqtt from 'mqtt';

/**
 * A hand-written device on a real MQTT connection, announcing a switch `switch.<name>` with Home
 * Assistant discovery (state on `<name>`, commands on `<name>/set`, a will on
 * `<name>/availability`), that a test makes misbehave.
 */
export async function announceSwitch(url: string, name: string): Promise<MqttClient> {
  const device = await mqtt.connectAsync(url, {
    clientId: name,
    will: { topic: `${name}/availability`, payload: Buffer.from('offline'), qos: 1, retain: true },
  });
  await device.publishAsync(
    `homeassistant/switch/${name}/config`,
    JSON.stringify({
      name: 'Relay',
      uniq_id: name,
      obj_id: name,
      '~': name,
      stat_t: '~',
      cmd_t: '~/set',
      avty_t: '~/availability',
    }),
    { retain: true, qos: 1 },
  );
  await device.publishAsync(`${name}/availability`, 'online', { retain: true, qos: 1 });
  return device;
}
