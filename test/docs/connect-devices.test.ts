import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import { runCli } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';
import { useTempFolder } from '../helpers/temp-folder.ts';
import { readmeBlock } from './readme-blocks.ts';

/**
 * README "Connect devices", guide by guide: the configuration it tells a user to type — read from
 * the README itself — against a real hub, with credentials made by `hearth device add`. The hub runs
 * the guide's hearth.yaml on loopback: a credential is confined by its ACL on every listener, so the
 * ACL is the one a device on the network would meet.
 */

type Yaml = Record<string, unknown>;
const hearthYaml = parse(readmeBlock('yaml', 'zigbee2mqtt: ["readwrite homeassistant/#"]').text) as Yaml;
const z2mYaml = parse(readmeBlock('yaml', 'base_topic:').text) as {
  homeassistant: { enabled: boolean };
  mqtt: { base_topic: string; user: string; server: string };
};
const esphomeYaml = parse(readmeBlock('yaml', 'esphome:').text, { logLevel: 'error' }) as {
  esphome: { name: string };
  mqtt: { username: string; discovery: boolean };
};
/** `Backlog MqttHost …; MqttUser X; …; Topic X; SetOption19 1` as a map of command → argument. */
const tasmotaConsole = new Map(
  readmeBlock('text', 'Backlog MqttHost')
    .text.replace(/^Backlog\s+/, '')
    .split(';')
    .map((command) => command.trim().split(/\s+/, 2) as [string, string]),
);

describe('the README guides connect Zigbee2MQTT, Tasmota and ESPHome', () => {
  const folder = useTempFolder('hearth-guides-');
  let hub: TestHub;
  let client: HubClient;
  /** An anonymous client on loopback (unrestricted) that sees every topic, as `mosquitto_sub -t '#'`. */
  let observer: MqttClient;
  const seen: { topic: string; payload: string }[] = [];
  const passwords = new Map<string, string>();

  const deviceAdd = async (name: string): Promise<string> => {
    const added = await runCli(['device', 'add', name, '--data', hub.dataDir]);
    expect(added.code, added.stderr).toBe(0);
    return added.stdout.trim();
  };
  const call = async (domain: string, service: string, data: Record<string, unknown>) => {
    const id = client.sendCommand({ type: 'call_service', domain, service, service_data: data });
    return client.next((m) => m.id === id);
  };
  const stateOf = async (entityId: string): Promise<string | undefined> => {
    const response = await fetch(`${hub.httpUrl}/api/states/${entityId}`, {
      headers: { Authorization: `Bearer ${hub.token}` },
    });
    return response.ok ? ((await response.json()) as { state: string }).state : undefined;
  };
  const available = async (entityId: string) => {
    await expect.poll(() => stateOf(entityId), { timeout: 15_000 }).toMatch(/^(?!unavailable)./);
  };
  const sawTopic = (pattern: RegExp) =>
    expect.poll(() => seen.some((m) => pattern.test(m.topic)), { timeout: 10_000 }).toBe(true);

  beforeAll(async () => {
    // The guide's hearth.yaml, on loopback for the test.
    const config = path.join(folder.path(), 'hearth.json');
    writeFileSync(config, JSON.stringify({ ...hearthYaml, host: '127.0.0.1' }));
    hub = await startTestHub({ args: ['--config', config], env: { HEARTH_LOG_LEVEL: 'info' } });
    client = await HubClient.connect(hub.wsUrl, hub.token);
    observer = await mqtt.connectAsync(hub.mqttUrl, { clientId: 'observer' });
    observer.on('message', (topic, payload) => seen.push({ topic, payload: payload.toString() }));
    await observer.subscribeAsync('#');
    for (const name of [
      z2mYaml.mqtt.user,
      tasmotaConsole.get('MqttUser') ?? '',
      esphomeYaml.mqtt.username,
      'z2m-without-rule',
    ])
      passwords.set(name, await deviceAdd(name));
  });

  afterAll(async () => {
    client?.close();
    await observer?.endAsync();
    await hub?.stop();
  });

  describe('Zigbee2MQTT', () => {
    let bridge: Zigbee2MqttStandIn | undefined;
    afterAll(() => bridge?.stop());

    it('is configured for discovery on the hub, as its own user', () => {
      expect(z2mYaml.homeassistant.enabled).toBe(true);
      expect(z2mYaml.mqtt.server).toBe('mqtt://192.168.1.10:1883');
      expect(hearthYaml).toMatchObject({
        mqtt: { acl: { users: { [z2mYaml.mqtt.user]: ['readwrite homeassistant/#'] } } },
      });
    });

    it('with the ACL line of the guide: its light appears and obeys, through its base topic', async () => {
      bridge = await Zigbee2MqttStandIn.start(hub.mqttUrl, {
        user: z2mYaml.mqtt.user,
        password: passwords.get(z2mYaml.mqtt.user) ?? '',
        baseTopic: z2mYaml.mqtt.base_topic,
      });
      // Every subscription Zigbee2MQTT makes is granted.
      expect(bridge.granted).not.toContain(REFUSED);
      await available('light.kitchen_light');
      const answer = await call('light', 'turn_on', { entity_id: 'light.kitchen_light', brightness: 128 });
      expect(answer.success, JSON.stringify(answer)).toBe(true);
      expect(bridge.commands).toContainEqual({
        topic: `${z2mYaml.mqtt.base_topic}/Kitchen light/set`,
        // Home Assistant's 0..255 on Zigbee2MQTT's brightness_scale 254.
        payload: expect.objectContaining({ state: 'ON', brightness: 127 }),
      });
      expect(await stateOf('light.kitchen_light')).toBe('on');
      expect(hub.process.output()).toMatch(/connected as user "zigbee2mqtt"/);
      expect(hub.process.output()).not.toMatch(/user "zigbee2mqtt".*refused/);
    });

    it('without it, the default ACL refuses its discovery and closes its connection', async () => {
      const user = 'z2m-without-rule';
      const other = await mqtt.connectAsync(hub.mqttUrl, {
        username: user,
        password: passwords.get(user),
        reconnectPeriod: 0,
      });
      expect(await grantedQos(other, [`${user}/#`, 'homeassistant/#'])).toEqual([0, REFUSED]);
      const closed = new Promise<void>((resolve) => other.once('close', () => resolve()));
      other.publish('homeassistant/light/0x00158d0009f8e7d6/light/config', '{}', { retain: true });
      await closed;
      await hub.process.waitForLine(
        /user "z2m-without-rule".*refused: publish to "homeassistant\/light\/0x00158d0009f8e7d6\/light\/config"/,
      );
      await other.endAsync(true);
    });
  });

  describe('Tasmota and ESPHome (the simulator speaks both)', () => {
    const tasmota = tasmotaConsole.get('Topic') ?? '';
    const esphome = esphomeYaml.esphome.name;
    let sim: RunningProcess | undefined;
    afterAll(() => sim?.stop());

    it('names each device after itself: topic or node name, and MQTT user', () => {
      expect(tasmotaConsole.get('MqttUser')).toBe(tasmota);
      expect(tasmotaConsole.get('SetOption19')).toBe('1');
      expect(tasmotaConsole.get('MqttHost')).toBe('192.168.1.10');
      expect(esphomeYaml.mqtt.username).toBe(esphome);
      expect(esphomeYaml.mqtt.discovery).toBe(true);
    });

    it('logs each in with its credential; both announce themselves on the topics of the guide', async () => {
      const file = folder.write(
        'credentials.json',
        JSON.stringify({ [tasmota]: passwords.get(tasmota), [esphome]: passwords.get(esphome) }),
      );
      sim = await startTestSim(hub.mqttUrl, ['--no-liveliness', '--credentials', file]);
      await hub.process.waitForLine(new RegExp(`connected as user "${tasmota}"`));
      await hub.process.waitForLine(new RegExp(`connected as user "${esphome}"`));
      await sawTopic(new RegExp(`^tele/${tasmota}/LWT$`));
      await sawTopic(/^homeassistant\/switch\/[0-9A-F]{6}_RL_1\/config$/);
      await sawTopic(new RegExp(`^${esphome}/status$`));
      await sawTopic(new RegExp(`^homeassistant/lock/${esphome}/\\w+/config$`));
      await available('switch.heater_plug');
      await available('lock.front_door_lock');
    });

    it('carries a command to each, on its own topics, and nothing of theirs is refused', async () => {
      expect((await call('switch', 'toggle', { entity_id: 'switch.heater_plug' })).success).toBe(true);
      await sawTopic(new RegExp(`^cmnd/${tasmota}/POWER$`));
      expect((await call('lock', 'unlock', { entity_id: 'lock.front_door_lock' })).success).toBe(true);
      await sawTopic(new RegExp(`^${esphome}/lock/\\w+/command$`));
      expect(hub.process.output()).not.toMatch(new RegExp(`user "(${tasmota}|${esphome})".*refused`));
    });

    it("refuses Tasmota's group topic until mqtt.acl.users grants it", async () => {
      const plug = await mqtt.connectAsync(hub.mqttUrl, {
        username: tasmota,
        password: passwords.get(tasmota),
        reconnectPeriod: 0,
      });
      expect(await grantedQos(plug, [`cmnd/${tasmota}/#`, 'cmnd/tasmotas/#'])).toEqual([0, REFUSED]);
      await plug.endAsync();
    });
  });
});

/** SUBACK's failure return code, MQTT 3.1.1 §3.9.3. */
const REFUSED = 128;

/** Subscribes to each filter in turn; the QoS granted to each, or REFUSED (mqtt.js rejects those). */
async function grantedQos(client: MqttClient, filters: string[]): Promise<number[]> {
  const codes: number[] = [];
  for (const filter of filters) {
    try {
      const [granted] = await client.subscribeAsync(filter);
      codes.push(granted?.qos ?? REFUSED);
    } catch {
      codes.push(REFUSED);
    }
  }
  return codes;
}

/**
 * What Zigbee2MQTT 2.x does on its broker with `homeassistant.enabled` and one light paired
 * (lib/mqtt.ts, lib/extension/homeassistant.ts; https://www.zigbee2mqtt.io/guide/usage/mqtt_topics_and_messages.html):
 * one client for the whole network, its will and availability on `<base>/bridge/state`, a
 * subscription to `<base>/#` and, at start, to the whole discovery tree (to clear configs of
 * devices it no longer has) and `homeassistant/status`; discovery named after the device's IEEE
 * address, JSON-schema lights, state as one JSON object on `<base>/<friendly name>`, commands on
 * `…/set`. The simulator's Zigbee2MQTT dialect is one client per device; this is the bridge.
 */
class Zigbee2MqttStandIn {
  readonly commands: { topic: string; payload: Record<string, unknown> }[] = [];
  private state: Record<string, unknown> = { state: 'OFF', brightness: 0 };

  private constructor(
    private readonly client: MqttClient,
    private readonly base: string,
    readonly granted: number[],
  ) {}

  static async start(
    url: string,
    options: { user: string; password: string; baseTopic: string },
  ): Promise<Zigbee2MqttStandIn> {
    const base = options.baseTopic;
    const availability = `${base}/bridge/state`;
    const client = await mqtt.connectAsync(url, {
      username: options.user,
      password: options.password,
      reconnectPeriod: 0,
      will: { topic: availability, payload: Buffer.from('{"state":"offline"}'), retain: true, qos: 1 },
    });
    const granted = await grantedQos(client, [`${base}/#`, 'homeassistant/status', 'homeassistant/#']);
    const bridge = new Zigbee2MqttStandIn(client, base, granted);
    client.on('message', (topic, payload) => bridge.onMessage(topic, payload.toString()));
    await client.publishAsync(availability, '{"state":"online"}', { retain: true, qos: 1 });
    const ieee = '0x00158d0001a2b3c4';
    await client.publishAsync(
      `homeassistant/light/${ieee}/light/config`,
      JSON.stringify({
        name: null,
        object_id: 'kitchen_light',
        unique_id: `${ieee}_light_zigbee2mqtt`,
        schema: 'json',
        state_topic: `${base}/Kitchen light`,
        command_topic: `${base}/Kitchen light/set`,
        brightness: true,
        brightness_scale: 254,
        supported_color_modes: ['brightness'],
        availability: [{ topic: availability, value_template: '{{ value_json.state }}' }],
        device: { identifiers: [`zigbee2mqtt_${ieee}`], name: 'Kitchen light', manufacturer: 'IKEA' },
        origin: { name: 'Zigbee2MQTT', sw: '2.6.0', url: 'https://www.zigbee2mqtt.io' },
      }),
      { retain: true, qos: 1 },
    );
    await bridge.report();
    return bridge;
  }

  private onMessage(topic: string, payload: string): void {
    if (topic !== `${this.base}/Kitchen light/set`) return;
    const command = JSON.parse(payload) as Record<string, unknown>;
    this.commands.push({ topic, payload: command });
    this.state = { ...this.state, ...command };
    void this.report();
  }

  private report(): Promise<unknown> {
    return this.client.publishAsync(`${this.base}/Kitchen light`, JSON.stringify(this.state), { qos: 1 });
  }

  stop(): Promise<void> {
    return this.client.endAsync();
  }
}
