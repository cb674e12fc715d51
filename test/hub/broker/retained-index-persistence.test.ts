import type { MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { RetainedIndexPersistence } from '../../../hub/broker/retained-index-persistence.ts';
import { type BrokerHarness, startBrokerHarness } from './broker-harness.ts';

type Stored = Parameters<RetainedIndexPersistence['storeRetained']>[0];

async function retain(persistence: RetainedIndexPersistence, topic: string, payload: string): Promise<void> {
  const packet = { cmd: 'publish', topic, payload: Buffer.from(payload), qos: 0, retain: true, dup: false };
  await persistence.storeRetained(packet as unknown as Stored);
}

const matched = (persistence: RetainedIndexPersistence, filter: string): string[] =>
  [...persistence.matching(filter.split('/'))].map((packet) => packet.topic).sort();

const TOPICS = [
  'homeassistant/light/lamp/config',
  'homeassistant/light/node/lamp/config',
  'homeassistant/sensor/temp/config',
  'hearth/lamp',
  'hearth/lamp/availability',
  'hearth',
  '/leading',
  '$SYS/broker/uptime',
];

describe('retained messages by topic tree (MQTT 3.1.1 §4.7)', () => {
  it.each([
    ['hearth/lamp', ['hearth/lamp']],
    ['hearth/lamp/set', []],
    ['homeassistant/+/+/config', ['homeassistant/light/lamp/config', 'homeassistant/sensor/temp/config']],
    ['homeassistant/+/+/+/config', ['homeassistant/light/node/lamp/config']],
    ['hearth/+', ['hearth/lamp']],
    ['hearth/#', ['hearth', 'hearth/lamp', 'hearth/lamp/availability']],
    ['+', ['hearth']],
    ['+/leading', ['/leading']],
    ['#', TOPICS.filter((t) => !t.startsWith('$')).sort()],
    ['+/broker/uptime', []],
    ['$SYS/#', ['$SYS/broker/uptime']],
    ['$SYS/+/uptime', ['$SYS/broker/uptime']],
  ])('%s matches %j', async (filter, expected) => {
    const persistence = new RetainedIndexPersistence();
    for (const topic of TOPICS) await retain(persistence, topic, 'x');
    expect(matched(persistence, filter)).toEqual([...expected].sort());
  });

  it('replaces a retained message, and an empty payload removes it and only it', async () => {
    const persistence = new RetainedIndexPersistence();
    await retain(persistence, 'hearth/lamp', 'ON');
    await retain(persistence, 'hearth/lamp/availability', 'online');
    await retain(persistence, 'hearth/lamp', 'OFF');
    expect([...persistence.matching(['hearth', 'lamp'])].map((p) => p.payload.toString())).toEqual(['OFF']);
    await retain(persistence, 'hearth/lamp', '');
    expect(matched(persistence, 'hearth/#')).toEqual(['hearth/lamp/availability']);
    await retain(persistence, 'hearth/lamp/availability', '');
    expect(matched(persistence, '#')).toEqual([]);
  });
});

describe('the embedded broker with the retained index', () => {
  let harness: BrokerHarness | undefined;
  const clients: MqttClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.endAsync();
    await harness?.close();
  });

  it('delivers retained messages to new subscribers, and not those cleared', async () => {
    harness = await startBrokerHarness();
    const { broker } = harness;
    const device = await mqtt.connectAsync(broker.url, { clientId: 'device' });
    clients.push(device);
    await device.publishAsync('homeassistant/switch/desk/config', '{"name":"Desk"}', {
      qos: 1,
      retain: true,
    });
    await device.publishAsync('homeassistant/switch/gone/config', '{"name":"Gone"}', {
      qos: 1,
      retain: true,
    });
    await device.publishAsync('homeassistant/switch/gone/config', '', { qos: 1, retain: true });
    await device.publishAsync('marker', 'last', { qos: 1, retain: true });

    const hub = await mqtt.connectAsync(broker.url, { clientId: 'hub' });
    clients.push(hub);
    const received: string[] = [];
    const done = new Promise<void>((resolve) =>
      hub.on('message', (topic, payload, packet) => {
        received.push(`${topic} ${payload.toString()} retain=${packet.retain}`);
        if (topic === 'marker') resolve();
      }),
    );
    // Retained messages come filter by filter, so the marker's comes last.
    await hub.subscribeAsync(['homeassistant/+/+/config', 'marker'], { qos: 1 });
    await done;
    expect(received).toEqual([
      'homeassistant/switch/desk/config {"name":"Desk"} retain=true',
      'marker last retain=true',
    ]);
  });
});
