import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceCredentials } from '../../../hub/broker/device-credentials.ts';
import { systemClock } from '../../../hub/core/clock.ts';
import { openDatabase } from '../../../hub/storage/database.ts';
import {
  type BrokerHarness,
  closed,
  connackCode,
  connectClient,
  startBrokerHarness,
} from './broker-harness.ts';

let harness: BrokerHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(config: Parameters<typeof startBrokerHarness>[0] = {}): Promise<BrokerHarness> {
  harness = await startBrokerHarness(config);
  return harness;
}

/** A message on `topic`, or undefined when none came before a later marker message. */
async function receivedBefore(
  client: MqttClient,
  topic: string,
  marker: () => Promise<void>,
  markerTopic: string,
): Promise<string | undefined> {
  let got: string | undefined;
  const onMessage = (t: string, payload: Buffer) => {
    if (t === topic) got = payload.toString();
  };
  client.on('message', onMessage);
  const markerSeen = new Promise<void>((resolve) =>
    client.on('message', (t) => {
      if (t === markerTopic) resolve();
    }),
  );
  await marker();
  await markerSeen;
  client.off('message', onMessage);
  return got;
}

/** The return codes of a SUBACK, refusals (0x80) included, which mqtt.js reports as an error. */
async function grantedQos(client: MqttClient, topics: string[]): Promise<number[]> {
  try {
    return (await client.subscribeAsync(topics)).map((grant) => grant.qos);
  } catch (error) {
    const granted = (error as { packet?: { granted?: number[] } }).packet?.granted;
    if (granted === undefined) throw error;
    return granted;
  }
}

describe('who may connect to the embedded broker', () => {
  it('admits anonymous clients on a loopback listener', async () => {
    const { url } = await start();
    expect(await connackCode(url, { clientId: 'anon' })).toBe(0);
  });

  it('refuses anonymous clients when allowAnonymous is false', async () => {
    const { url, logs } = await start({ mqtt: { allowAnonymous: false } });
    expect(await connackCode(url, { clientId: 'anon' })).toBe(5);
    expect(logs.join('\n')).toMatch(
      /"anon" from 127\.0\.0\.1:\d+ on mqtt:\/\/127\.0\.0\.1:\d+: refused: anonymous/,
    );
  });

  it('refuses anonymous clients on a listener that is not on loopback, whatever the config says', async () => {
    const { broker } = await start({ host: '0.0.0.0', mqtt: { allowAnonymous: true } });
    expect(await connackCode(`mqtt://127.0.0.1:${broker.port}`, { clientId: 'anon' })).toBe(5);
  });

  it('admits a device with its password, and refuses a wrong one or an unknown name', async () => {
    const { url, credentials, logs } = await start({ mqtt: { allowAnonymous: false } });
    const password = await credentials.add('kitchen-plug');
    expect(await connackCode(url, { clientId: 'plug', username: 'kitchen-plug', password })).toBe(0);
    // Again, from the verified-password cache.
    expect(await connackCode(url, { clientId: 'plug', username: 'kitchen-plug', password })).toBe(0);
    expect(
      await connackCode(url, { clientId: 'plug', username: 'kitchen-plug', password: `${password}x` }),
    ).toBe(4);
    expect(await connackCode(url, { clientId: 'plug', username: 'nobody', password })).toBe(4);
    const text = logs.join('\n');
    expect(text).toMatch(/"plug" connected as user "kitchen-plug" from 127\.0\.0\.1/);
    expect(text).toMatch(
      /"plug" user "kitchen-plug" from 127\.0\.0\.1:\d+ on mqtt:\/\/127.*: refused: bad username or password/,
    );
    expect(text).not.toContain(password);
  });

  it.each([
    [{ clientId: 'a+b' }, 2],
    [{ clientId: 'a/b' }, 2],
    [{ clientId: '#' }, 2],
    [{ clientId: 'x'.repeat(129) }, 2],
    [{ clientId: 'ok', username: 'dev#', password: 'x' }, 4],
    [{ clientId: 'ok', username: 'a/b', password: 'x' }, 4],
    [{ clientId: 'ok', username: 'homeassistant', password: 'x' }, 4],
  ])('refuses %j with CONNACK %i', async (options, code) => {
    const { url } = await start();
    expect(await connackCode(url, options)).toBe(code);
  });

  it('closes the connection of a device whose credential is removed', async () => {
    const { url, credentials, dataDir, waitForLog } = await start();
    const password = await credentials.add('lamp');
    const device = await connectClient(url, { clientId: 'lamp', username: 'lamp', password });
    // As `hearth device remove` does: another process, another connection to the database.
    const other = openDatabase(dataDir);
    new DeviceCredentials(other, systemClock).remove('lamp');
    other.close();
    await closed(device);
    await waitForLog(/"lamp" user "lamp" .*: disconnected, its credential was removed/);
    expect(await connackCode(url, { clientId: 'lamp', username: 'lamp', password })).toBe(4);
  });
});

describe('what a device may do', () => {
  it('publishes and subscribes on its own topics', async () => {
    const h = await start();
    const password = await h.credentials.add('lamp');
    const hub = await h.hubClient();
    await hub.subscribeAsync('hearth/lamp');
    const device = await connectClient(h.url, { clientId: 'lamp', username: 'lamp', password });
    expect(await grantedQos(device, ['hearth/lamp/set', 'homeassistant/status'])).toEqual([0, 0]);
    const got = new Promise<string>((resolve) => hub.on('message', (_t, p) => resolve(p.toString())));
    await device.publishAsync('hearth/lamp', '{"state":"ON"}');
    expect(await got).toBe('{"state":"ON"}');
    device.end(true);
  });

  it("is refused another device's topics: SUBACK 0x80 for a subscription, the connection closed for a publish", async () => {
    const h = await start();
    const password = await h.credentials.add('lamp');
    const device = await connectClient(h.url, { clientId: 'lamp', username: 'lamp', password });
    expect(await grantedQos(device, ['hearth/plug/set', '#', '$SYS/#', 'hearth/lamp/set'])).toEqual([
      128, 128, 128, 0,
    ]);
    device.publish('cmnd/plug/POWER', 'ON');
    await closed(device);
    await h.waitForLog(/"lamp" user "lamp" from .*: refused: publish to "cmnd\/plug\/POWER"/);
  });

  it('closes a client that publishes to $SYS, even the hub', async () => {
    const h = await start();
    const hub = await h.hubClient();
    hub.publish('$SYS/fake', 'x');
    await closed(hub);
  });

  it('checks retained messages again on delivery: a deny inside a granted subscription holds', async () => {
    const h = await start({
      mqtt: { acl: { users: { lamp: ['deny hearth/lamp/secret'] } } },
    });
    const password = await h.credentials.add('lamp');
    const hub = await h.hubClient();
    await hub.publishAsync('hearth/lamp/secret', 'retained secret', { retain: true, qos: 1 });
    await hub.publishAsync('hearth/lamp/open', 'retained open', { retain: true, qos: 1 });
    const device = await connectClient(h.url, { clientId: 'lamp', username: 'lamp', password });
    const messages: string[] = [];
    device.on('message', (topic) => messages.push(topic));
    await device.subscribeAsync('hearth/lamp/#');
    const secret = await receivedBefore(
      device,
      'hearth/lamp/secret',
      async () => {
        await hub.publishAsync('hearth/lamp/secret', 'live secret', { qos: 1 });
        await hub.publishAsync('hearth/lamp/marker', 'm', { qos: 1 });
      },
      'hearth/lamp/marker',
    );
    expect(secret).toBeUndefined();
    expect(messages).toContain('hearth/lamp/open');
    expect(messages).not.toContain('hearth/lamp/secret');
    device.end(true);
  });

  it('refuses at CONNECT a will on a topic the device may not publish', async () => {
    const h = await start();
    const password = await h.credentials.add('lamp');
    const will = {
      topic: 'hearth/plug/availability',
      payload: Buffer.from('offline'),
      qos: 0 as const,
      retain: false,
    };
    expect(await connackCode(h.url, { clientId: 'lamp', username: 'lamp', password, will })).toBe(5);
    await h.waitForLog(/refused: will topic "hearth\/plug\/availability" is not allowed/);
  });

  it('sends the will of a device that drops, on its own topic', async () => {
    const h = await start();
    const password = await h.credentials.add('lamp');
    const hub = await h.hubClient();
    await hub.subscribeAsync('hearth/lamp/availability');
    const will = {
      topic: 'hearth/lamp/availability',
      payload: Buffer.from('offline'),
      qos: 0 as const,
      retain: false,
    };
    const device = await connectClient(h.url, { clientId: 'lamp', username: 'lamp', password, will });
    const got = new Promise<string>((resolve) => hub.on('message', (_t, p) => resolve(p.toString())));
    device.stream.destroy();
    expect(await got).toBe('offline');
  });

  it("refuses a discovery config that names another device's topics", async () => {
    const h = await start();
    const password = await h.credentials.add('lamp');
    const device = await connectClient(h.url, { clientId: 'lamp', username: 'lamp', password });
    device.publish(
      'homeassistant/switch/lamp/relay/config',
      JSON.stringify({ '~': 'cmnd/front-door', cmd_t: '~/POWER', stat_t: 'hearth/lamp' }),
    );
    await closed(device);
    await h.waitForLog(
      /refused: publish to "homeassistant\/switch\/lamp\/relay\/config": config names topic cmnd\/front-door\/POWER/,
    );
  });

  it('keeps a discovery topic without node id for the device that wrote it first', async () => {
    const h = await start();
    const lampPassword = await h.credentials.add('lamp');
    const plugPassword = await h.credentials.add('plug');
    const lamp = await connectClient(h.url, { clientId: 'lamp', username: 'lamp', password: lampPassword });
    const config = (device: string) =>
      JSON.stringify({ name: 'x', cmd_t: `cmnd/${device}/POWER`, stat_t: `tele/${device}/STATE` });
    await lamp.publishAsync('homeassistant/switch/1A2B3C_RL_1/config', config('lamp'), {
      qos: 1,
      retain: true,
    });
    const plug = await connectClient(h.url, { clientId: 'plug', username: 'plug', password: plugPassword });
    plug.publish('homeassistant/switch/1A2B3C_RL_1/config', config('plug'), { retain: true });
    await closed(plug);
    await h.waitForLog(/"plug" user "plug" .*: discovery topic belongs to lamp/);
    // Once the owner clears it, it is free.
    await lamp.publishAsync('homeassistant/switch/1A2B3C_RL_1/config', '', { qos: 1, retain: true });
    const plug2 = await connectClient(h.url, { clientId: 'plug', username: 'plug', password: plugPassword });
    await plug2.publishAsync('homeassistant/switch/1A2B3C_RL_1/config', config('plug'), {
      qos: 1,
      retain: true,
    });
    expect(plug2.connected).toBe(true);
    plug2.end(true);
    lamp.end(true);
  });

  it('leaves an admin and the hub unrestricted', async () => {
    const h = await start({ mqtt: { acl: { admins: ['ops'] } } });
    const password = await h.credentials.add('ops');
    const admin = await connectClient(h.url, { clientId: 'ops', username: 'ops', password });
    expect(await grantedQos(admin, ['#', 'hearth/+/set'])).toEqual([0, 0]);
    await admin.publishAsync('cmnd/anything/POWER', 'ON', { qos: 1 });
    expect(admin.connected).toBe(true);
    admin.end(true);
  });
});
