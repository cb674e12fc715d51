import { basename } from 'node:path';
import type { MqttClient } from 'mqtt';
import { connectMqtt, type MqttEndpoint, parseMqttUrl } from '../device-sim/mqtt-connect.ts';
import type { Clock } from '../hub/core/clock.ts';
import type { Logger } from '../hub/core/logger.ts';
import { GOODBYE_GRACE_MS, sayGoodbye } from '../hub/protocol/mqtt-goodbye.ts';
import type { BridgeConfig, PortConfig } from './bridge-config.ts';
import { FirmataDriver } from './firmata/firmata-driver.ts';
import { JsonLinesDriver } from './jsonl/jsonl-driver.ts';
import type { McuDriver } from './mcu/mcu-driver.ts';
import { type BridgeTopics, bridgeTopics } from './mqtt/bridge-topics.ts';
import { bridgeDiscovery } from './mqtt/entity-discovery.ts';
import { McuDevice, type Publish } from './mqtt/mcu-device.ts';
import { SerialLink } from './serial/serial-link.ts';

export interface BridgeEnvironment {
  /** Default id and name when the config has none: the host's name. */
  readonly hostname: string;
  readonly logger: Logger;
  readonly clock: Clock;
}

export interface RunningBridge {
  readonly id: string;
  readonly topics: BridgeTopics;
  /** The MCU device ids, in the order of the ports. */
  readonly mcuIds: readonly string[];
  stop(): Promise<void>;
}

interface Port {
  readonly device: McuDevice;
  readonly driver: McuDriver;
  readonly link: SerialLink;
}

/** A topic segment and device id from a name: `/dev/ttyACM0` → `ttyACM0`. */
const idFrom = (text: string): string => text.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 64) || 'bridge';

/**
 * The serial ⇄ MQTT bridge: one serial link and one driver per port, each MCU published as a Home
 * Assistant device under the bridge. Throws on a config it cannot serve (two ports with one id,
 * a pin mapped twice) before touching the network.
 */
export async function startBridge(config: BridgeConfig, env: BridgeEnvironment): Promise<RunningBridge> {
  const { logger, clock } = env;
  const bridgeId = config.id ?? idFrom(env.hostname);
  const bridgeName = config.name ?? `hearth bridge ${bridgeId}`;
  const topics = bridgeTopics(config.baseTopic, bridgeId);
  const ids = config.ports.map((port) => port.id ?? idFrom(basename(port.path)));
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  if (twice !== undefined) throw new Error(`two ports have the id "${twice}": give one an "id"`);

  let client: MqttClient | undefined;
  const publish: Publish = (topic, payload) =>
    client?.publish(topic, payload, { qos: 1, retain: true }, (error) => {
      if (error) logger.warn(`MQTT: ${topic} not published: ${error.message}`);
    });
  const ports = config.ports.map((port, index): Port => {
    const mcuId = ids[index] as string;
    const device = new McuDevice(
      {
        identity: {
          discoveryPrefix: config.discoveryPrefix,
          topics,
          bridgeId,
          bridgeName,
          mcuId,
          configuredName: port.name,
        },
        diagnosticsIntervalMs: config.diagnosticsIntervalMs,
        logger,
        clock,
      },
      publish,
    );
    const driver = driverFor(port, device, logger, clock);
    device.use(driver);
    const link = new SerialLink(
      {
        path: port.path,
        baudRate: port.baudRate,
        dtr: port.dtr,
        rts: port.rts,
        reopenMaxMs: config.reopenMaxMs,
        logger,
      },
      { opened: (stream) => driver.attach(stream), closed: (reason) => driver.detach(reason) },
    );
    return { device, driver, link };
  });

  const birthTopic = `${config.discoveryPrefix}/status`;
  const announce = (): void => {
    const bridge = bridgeDiscovery(config.discoveryPrefix, topics, bridgeId, bridgeName);
    publish(bridge.topic, JSON.stringify(bridge.config));
    publish(topics.availability, 'online');
    for (const port of ports) port.device.announce();
  };
  const byMcu = new Map(ports.map((port) => [port.device.id, port.device]));

  client = await connectUntilUp(endpointOf(config), {
    clientId: `hearth-bridge-${bridgeId}`,
    will: { topic: topics.availability, payload: 'offline', qos: 1, retain: true },
    logger,
    clock,
  });
  client.on('error', (error) => logger.warn(`MQTT: ${error.message}`));
  client.on('message', (topic, payload) => {
    const text = payload.toString();
    if (topic === birthTopic) {
      // Home Assistant's birth message: it may have lost the retained configs, so send them again.
      if (text === 'online') announce();
      return;
    }
    const target = topics.parseCommand(topic);
    const device = target && byMcu.get(target.mcu);
    if (target === undefined || device === undefined) return;
    device.command(target.entity, text).catch((error: unknown) => logger.error(`${topic}: ${String(error)}`));
  });
  // After a reconnect the broker has published the will: say online, and everything else, again.
  client.on('connect', () => announce());
  await client.subscribeAsync({ [topics.commandWildcard]: { qos: 1 }, [birthTopic]: { qos: 1 } });
  for (const port of ports) port.device.start();
  announce();
  for (const port of ports) port.link.start();

  return {
    id: bridgeId,
    topics,
    mcuIds: ids,
    async stop() {
      await Promise.all(ports.map((port) => port.link.stop()));
      for (const port of ports) {
        port.driver.stop();
        port.device.stop();
      }
      if (client === undefined) return;
      const availability = { topic: topics.availability, offline: 'offline' };
      const outcome = await sayGoodbye(client, availability, (error) =>
        logger.warn(`MQTT: could not publish offline: ${String(error)}`),
      );
      if (outcome === 'dropped')
        logger.warn(
          `MQTT: could not say offline (no broker, or no answer in ${GOODBYE_GRACE_MS} ms); dropped the connection`,
        );
    },
  };
}

function driverFor(port: PortConfig, device: McuDevice, logger: Logger, clock: Clock): McuDriver {
  if (port.protocol === 'jsonl') {
    const { path, ackTimeoutMs, retries, pingIntervalMs } = port;
    return new JsonLinesDriver({ path, ackTimeoutMs, retries, pingIntervalMs, logger, clock }, device);
  }
  const { path, pins, ackTimeoutMs, samplingIntervalMs, analogReportMs } = port;
  try {
    return new FirmataDriver(
      { path, pins, ackTimeoutMs, samplingIntervalMs, analogReportMs, logger, clock },
      device,
    );
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function endpointOf(config: BridgeConfig): MqttEndpoint {
  const endpoint = parseMqttUrl(config.mqttUrl);
  return {
    ...endpoint,
    ...(config.mqttUsername !== undefined ? { username: config.mqttUsername } : {}),
    ...(config.mqttPassword !== undefined ? { password: config.mqttPassword } : {}),
  };
}

/**
 * A Pi may boot before its network or the broker: keep trying (1 s, doubling, up to 30 s), and
 * say so once rather than at every attempt.
 */
async function connectUntilUp(
  endpoint: MqttEndpoint,
  options: {
    clientId: string;
    will: { topic: string; payload: string; qos: 1; retain: true };
    logger: Logger;
    clock: Clock;
  },
): Promise<MqttClient> {
  let waitMs = 1000;
  let said = false;
  for (;;) {
    try {
      const client = await connectMqtt(endpoint, { clientId: options.clientId, will: options.will });
      if (said) options.logger.info(`MQTT: connected to ${endpoint.host}:${endpoint.port}`);
      return client;
    } catch (error) {
      if (!said) options.logger.warn(`${error instanceof Error ? error.message : String(error)}; retrying`);
      said = true;
      await new Promise<void>((resolve) => options.clock.setTimeout(resolve, waitMs));
      waitMs = Math.min(waitMs * 2, 30_000);
    }
  }
}
