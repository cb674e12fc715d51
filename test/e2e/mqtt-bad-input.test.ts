import type { MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import { RawMqttConnection, rawMqtt } from '../helpers/raw-mqtt.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

type State = { entity_id: string; state: string };

/**
 * Malformed and hostile MQTT, byte by byte over raw TCP to the hub's embedded broker. The broker
 * closes a connection that breaks the protocol (MQTT 3.1.1 §4.8: "the Server MUST close the
 * Network Connection"), while a well-behaved device on the same broker goes on as if nothing
 * happened, and the hub keeps its states.
 */
describe('bad MQTT input to the embedded broker', () => {
  let hub: TestHub;
  let client: HubClient;
  let device: MqttClient;
  let deviceDropped = false;
  let relay: 'ON' | 'OFF' = 'ON';

  const stateOf = async (entityId: string): Promise<string | undefined> => {
    const answer = await client.command({ type: 'get_states' });
    return (answer.result as State[]).find((s) => s.entity_id === entityId)?.state;
  };

  const waitForState = async (entityId: string, expected: string): Promise<void> => {
    for (;;) {
      if ((await stateOf(entityId)) === expected) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    hub = await startTestHub({ env: { HEARTH_LOG_LEVEL: 'info' } });
    client = await HubClient.connect(hub.wsUrl, hub.token);
    device = await mqtt.connectAsync(hub.mqttUrl, { clientId: 'good-relay', reconnectPeriod: 0 });
    device.on('close', () => {
      deviceDropped = true;
    });
    await device.publishAsync(
      'homeassistant/switch/good/relay/config',
      JSON.stringify({
        name: 'Good relay',
        uniq_id: 'good-relay',
        stat_t: 'good/relay',
        cmd_t: 'good/relay/set',
      }),
      { qos: 1, retain: true },
    );
    // The state is not retained: it is sent once the hub has the entity, and so listens for it.
    await waitForState('switch.good_relay', 'unknown');
    await device.publishAsync('good/relay', 'ON', { qos: 1 });
    await waitForState('switch.good_relay', 'on');
  });

  afterAll(async () => {
    device?.end(true);
    client?.close();
    await hub?.stop();
  });

  // Everyone else is served as before: the device was not dropped, its state is intact, and a new
  // report still reaches the panel.
  afterEach(async () => {
    expect(deviceDropped).toBe(false);
    expect(await stateOf('switch.good_relay')).toBe(relay === 'ON' ? 'on' : 'off');
    relay = relay === 'ON' ? 'OFF' : 'ON';
    await device.publishAsync('good/relay', relay, { qos: 1 });
    await waitForState('switch.good_relay', relay === 'ON' ? 'on' : 'off');
  });

  /** A raw connection that has sent a valid CONNECT and read its CONNACK. */
  const connected = async (clientId: string, keepaliveSeconds = 60): Promise<RawMqttConnection> => {
    const raw = await RawMqttConnection.open(hub.mqttUrl);
    raw.send(rawMqtt.connect({ clientId, keepaliveSeconds }));
    await raw.waitForBytes(4);
    expect(raw.connackCode()).toBe(0);
    return raw;
  };

  it('closes a connection whose first packet is not CONNECT [MQTT-3.1.0-1]', async () => {
    for (const first of [
      rawMqtt.pingreq(),
      rawMqtt.publish('good/relay', 'OFF'),
      rawMqtt.subscribe(1, '#'),
    ]) {
      const raw = await RawMqttConnection.open(hub.mqttUrl);
      raw.send(first);
      await raw.closed;
      expect(raw.connackCode()).toBeUndefined();
    }
  });

  it('closes a connection at the header of a packet with a huge remaining length, before buffering it (§2.2.3)', async () => {
    const raw = await connected('huge');
    // PUBLISH announcing 268,435,455 bytes, the most a remaining length can say.
    raw.send(Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f]));
    await raw.closed;
    const before = await RawMqttConnection.open(hub.mqttUrl);
    // Even as the first packet: a CONNECT announcing 200 MB.
    before.send(Buffer.from([0x10, 0x80, 0x80, 0x80, 0x64]));
    await before.closed;
  });

  it('closes a connection whose remaining length runs past four bytes [MQTT-2.2.3]', async () => {
    const raw = await RawMqttConnection.open(hub.mqttUrl);
    raw.send(Buffer.from([0x10, 0x80, 0x80, 0x80, 0x80, 0x01]));
    await raw.closed;
  });

  it('closes a connection that stops in the middle of a packet, when its keep alive runs out [MQTT-3.1.2-24]', async () => {
    const raw = await connected('truncated', 1);
    const whole = rawMqtt.publish('good/relay', 'x'.repeat(100));
    raw.send(whole.subarray(0, 20));
    await raw.closed;
  });

  it('closes a connection that half-closes in the middle of a packet', async () => {
    const raw = await connected('half');
    raw.socket.end(rawMqtt.publish('good/relay', 'OFF').subarray(0, 6));
    await raw.closed;
  });

  it('closes a connection that publishes with QoS 3 [MQTT-3.3.1-4]', async () => {
    const raw = await connected('qos3');
    raw.send(rawMqtt.publish('good/relay', 'OFF', { qos: 3, id: 7 }));
    await raw.closed;
  });

  it('closes a connection that sends a second CONNECT [MQTT-3.1.0-2]', async () => {
    const raw = await connected('twice');
    raw.send(rawMqtt.connect({ clientId: 'twice' }));
    await raw.closed;
  });

  it('closes a connection that subscribes with reserved flags [MQTT-3.8.1-1]', async () => {
    const raw = await connected('flags');
    raw.send(rawMqtt.subscribe(1, 'good/#', 0x00));
    await raw.closed;
  });

  it('closes a connection that publishes a topic that is not UTF-8 [MQTT-1.5.3-1]', async () => {
    const raw = await connected('utf8');
    raw.send(rawMqtt.publish(Buffer.from([0x67, 0x6f, 0xff, 0xfe]), 'OFF'));
    await raw.closed;
  });

  it('refuses protocol levels it does not speak with CONNACK 1, then closes [MQTT-3.1.2-2]', async () => {
    const raw = await RawMqttConnection.open(hub.mqttUrl);
    raw.send(rawMqtt.connect({ clientId: 'v9', protocolLevel: 9 }));
    await raw.closed;
  });

  it('refuses an empty client id without a clean session with CONNACK 2 [MQTT-3.1.3-8]', async () => {
    const raw = await RawMqttConnection.open(hub.mqttUrl);
    raw.send(rawMqtt.connect({ clientId: '', clean: false }));
    await raw.closed;
    expect(raw.connackCode()).toBe(2);
  });

  it('closes a connection that publishes or subscribes with hundreds of topic levels', async () => {
    const deep = Array.from({ length: 300 }, () => 'a').join('/');
    const publisher = await connected('deep-publish');
    publisher.send(rawMqtt.publish(deep, 'x'));
    await publisher.closed;
    const subscriber = await connected('deep-subscribe');
    subscriber.send(rawMqtt.subscribe(1, `${deep}/#`));
    await subscriber.closed;
  });

  it('treats __proto__ and constructor as ordinary names, in client ids and topic levels', async () => {
    for (const clientId of ['__proto__', 'constructor', 'hasOwnProperty']) {
      const other = await mqtt.connectAsync(hub.mqttUrl, { clientId, reconnectPeriod: 0 });
      const got = new Promise<string>((resolve) => other.on('message', (topic) => resolve(topic)));
      await other.subscribeAsync('__proto__/+/constructor');
      await other.publishAsync('__proto__/prototype/constructor', '{"__proto__":{"polluted":1}}', { qos: 1 });
      expect(await got).toBe('__proto__/prototype/constructor');
      other.end(true);
    }
    const config = JSON.stringify({ name: 'Proto', stat_t: '__proto__/constructor', cmd_t: '__proto__/set' });
    await device.publishAsync('homeassistant/switch/__proto__/constructor/config', config, { qos: 1 });
    await device.publishAsync('homeassistant/switch/__proto__/constructor/config', '', {
      qos: 1,
      retain: true,
    });
  });

  it('logs discovery configs of the wrong types or with hostile templates, and keeps the entity it has', async () => {
    const bad = [
      { name: 42, stat_t: ['not', 'a', 'topic'] },
      { name: 'Hostile', stat_t: 'good/relay', val_tpl: '{{ value.__class__.__mro__[1].__subclasses__() }}' },
      { name: 'Loop', stat_t: 'good/relay', val_tpl: '{{ (value ~ value) * 999999999 }}' },
      {
        name: 'Replace',
        uniq_id: 'good-relay',
        stat_t: 'good/relay',
        cmd_t: 'good/relay/set',
        pl_on: { a: 1 },
      },
    ];
    for (const [index, config] of bad.entries())
      await device.publishAsync(`homeassistant/switch/good/bad${index}/config`, JSON.stringify(config), {
        qos: 1,
      });
    await device.publishAsync('homeassistant/switch/good/relay/config', '{"name": ', { qos: 1 });
    await hub.process.waitForLine(
      /discovery: homeassistant\/switch\/good\/relay\/config: config is not valid JSON/,
    );
  });

  it('ignores state payloads of the wrong shape and keeps the last good state', async () => {
    for (const payload of ['{"state": {"nested": true}}', '\u0000\uffff', 'x'.repeat(60_000), '[1,2,3]', ''])
      await device.publishAsync('good/relay', payload, { qos: 1 });
    // The last good report wins again once a good one comes: checked by afterEach. Meanwhile the
    // switch reads none of these as on or off.
    expect(['on', 'off', 'unknown']).toContain(await stateOf('switch.good_relay'));
    await device.publishAsync('good/relay', relay, { qos: 1 });
    await waitForState('switch.good_relay', relay === 'ON' ? 'on' : 'off');
  });

  it('logs each closed connection with its address, never its payload', async () => {
    const output = hub.process.output();
    expect(output).toMatch(
      /mqtt: a client from 127\.0\.0\.1:\d+ on mqtt:\/\/127\.0\.0\.1:\d+: closed: the first packet is not CONNECT/,
    );
    expect(output).toMatch(/mqtt: "qos3" anonymous from 127\.0\.0\.1:\d+ on mqtt:\/\/.*: closed: .*QoS/);
    expect(output).not.toContain('polluted');
  });
});
