import type { MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddedBroker } from '../../../hub/broker/embedded-broker.ts';
import { type BrokerHarness, startBrokerHarness } from './broker-harness.ts';

/** Messages a handler received, and a way to wait for one. */
function recorder() {
  const seen: string[] = [];
  const waiters: (() => void)[] = [];
  return {
    seen,
    handler: (topic: string, payload: Buffer) => {
      seen.push(`${topic} ${payload.toString()}`);
      for (const waiter of waiters.splice(0)) waiter();
    },
    async until(entry: string): Promise<void> {
      while (!seen.includes(entry)) await new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

describe("the hub's in-process connection to the embedded broker", () => {
  let harness: BrokerHarness | undefined;
  let broker: EmbeddedBroker;
  const clients: MqttClient[] = [];
  const start = async () => {
    harness = await startBrokerHarness();
    broker = harness.broker;
    const device = await mqtt.connectAsync(broker.url, { clientId: `device-${clients.length}` });
    clients.push(device);
    return device;
  };
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.endAsync();
    await harness?.close();
    harness = undefined;
  });

  it('gets the retained messages a new filter matches, then live ones, and none after unsubscribing', async () => {
    const device = await start();
    await device.publishAsync('homeassistant/switch/desk/config', '{"name":"Desk"}', {
      qos: 1,
      retain: true,
    });
    const configs = recorder();
    const unsubscribe = broker.local.subscribe('homeassistant/+/+/config', configs.handler);
    await configs.until('homeassistant/switch/desk/config {"name":"Desk"}');

    await device.publishAsync('homeassistant/light/lamp/config', '{"name":"Lamp"}', { qos: 1 });
    await configs.until('homeassistant/light/lamp/config {"name":"Lamp"}');

    unsubscribe();
    const marker = recorder();
    broker.local.subscribe('marker', marker.handler);
    await device.publishAsync('homeassistant/light/late/config', '{}', { qos: 1 });
    await device.publishAsync('marker', 'after', { qos: 1 });
    await marker.until('marker after');
    expect(configs.seen).toEqual([
      'homeassistant/switch/desk/config {"name":"Desk"}',
      'homeassistant/light/lamp/config {"name":"Lamp"}',
    ]);
  });

  it('gives a handler joining a live filter its retained messages, and the others no second copy', async () => {
    const device = await start();
    await device.publishAsync('tasmota/plug/LWT', 'Online', { qos: 1, retain: true });
    const first = recorder();
    broker.local.subscribe('tasmota/plug/LWT', first.handler);
    await first.until('tasmota/plug/LWT Online');

    // A second entity of the same device, discovered later, shares the availability topic.
    const second = recorder();
    broker.local.subscribe('tasmota/plug/LWT', second.handler);
    await second.until('tasmota/plug/LWT Online');
    await device.publishAsync('tasmota/plug/LWT', 'Offline', { qos: 1, retain: true });
    await first.until('tasmota/plug/LWT Offline');
    await second.until('tasmota/plug/LWT Offline');
    expect(first.seen).toEqual(['tasmota/plug/LWT Online', 'tasmota/plug/LWT Offline']);
    expect(second.seen).toEqual(['tasmota/plug/LWT Online', 'tasmota/plug/LWT Offline']);
  });

  it('publishes to devices at the QoS asked, and retains when asked', async () => {
    const device = await start();
    const received: { topic: string; qos: number }[] = [];
    device.on('message', (topic, _payload, packet) => received.push({ topic, qos: packet.qos }));
    await device.subscribeAsync('hearth/lamp/set', { qos: 1 });
    broker.local.publish('hearth/lamp/set', '{"state": "ON"}', { qos: 1 });
    broker.local.publish('homeassistant/status', 'online', { retain: true });
    await expect.poll(() => received).toEqual([{ topic: 'hearth/lamp/set', qos: 1 }]);

    const late = await mqtt.connectAsync(broker.url, { clientId: 'late' });
    clients.push(late);
    const retained = new Promise<string>((resolve) =>
      late.on('message', (_t, payload) => resolve(payload.toString())),
    );
    await late.subscribeAsync('homeassistant/status');
    expect(await retained).toBe('online');
  });

  it('keeps `$` topics from a filter that starts with a wildcard [MQTT-4.7.2-1]', async () => {
    await start();
    const everything = recorder();
    const system = recorder();
    broker.local.subscribe('#', everything.handler);
    broker.local.subscribe('$bench/#', system.handler);
    broker.local.publish('$bench/x', 'dollar');
    broker.local.publish('plain', 'last');
    await everything.until('plain last');
    await system.until('$bench/x dollar');
    expect(everything.seen.filter((entry) => entry.startsWith('$'))).toEqual([]);
  });

  it('logs a throwing handler and still runs the others', async () => {
    const device = await start();
    const good = recorder();
    broker.local.subscribe('hearth/lamp', () => {
      throw new Error('bad handler');
    });
    broker.local.subscribe('hearth/lamp', good.handler);
    await device.publishAsync('hearth/lamp', 'ON');
    await good.until('hearth/lamp ON');
    expect(
      (harness?.logs ?? []).some(
        (line) => line.includes('handling hearth/lamp failed') && line.includes('bad handler'),
      ),
    ).toBe(true);
  });
});
