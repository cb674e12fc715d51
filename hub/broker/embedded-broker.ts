import { Aedes, type Client } from 'aedes';
import type { HubConfig } from '../config/hub-config.ts';
import { readTlsFiles } from '../config/read-tls-files.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Database } from '../storage/database.ts';
import { DeviceCredentials } from './device-credentials.ts';
import { InProcessTransport } from './in-process-transport.ts';
import { MqttAccessPolicy } from './mqtt-access-policy.ts';
import type { MqttDeviceAdmin } from './mqtt-device-admin.ts';
import { isLoopbackHost, listenMqtt, type MqttListener } from './mqtt-listener.ts';
import { RetainedIndexPersistence } from './retained-index-persistence.ts';

export interface EmbeddedBroker {
  /** `mqtt://host:port`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  /** `mqtts://host:port` when `mqtt.tlsPort` is set. */
  readonly tlsUrl: string | undefined;
  /** A random credential, valid until the broker stops, for one of the hub's own clients. */
  issueInternalCredential(username: string): { username: string; password: string };
  /** The hub's own connection to this broker, in-process (no socket, no MQTT encoding, no ACL). */
  readonly local: InProcessTransport;
  /** Per-device credentials, for the settings commands. */
  readonly devices: MqttDeviceAdmin;
  /** MQTT clients connected now (devices, bridges, tools; not `local`). */
  readonly connectedClients: number;
  close(): Promise<void>;
}

/** How often the broker looks for credentials removed by `hearth device remove` in another process. */
const REVOCATION_CHECK_MS = 2000;
/** A connection that has not sent CONNECT by then is closed (aedes' default is 30 s). */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The embedded broker: aedes behind a plain listener (`mqttPort` on `mqtt.host`, else `host`) and,
 * when configured, a TLS one (`mqtt.tlsPort` on `host`), with the access policy of
 * `MqttAccessPolicy` and a packet size limit on every socket.
 */
export async function startEmbeddedBroker(options: {
  config: HubConfig;
  db: Database;
  clock: Clock;
  log: Logger;
}): Promise<EmbeddedBroker> {
  const { config, log } = options;
  const { mqtt } = config;
  const tlsFiles = mqtt.tls ? readTlsFiles(mqtt.tls, 'mqtt.tls') : undefined;
  const credentials = new DeviceCredentials(options.db, options.clock);
  const policy = new MqttAccessPolicy({ credentials, mqtt, discoveryPrefix: config.discoveryPrefix, log });
  const persistence = new RetainedIndexPersistence();
  const broker = await Aedes.createBroker({
    persistence,
    ...policy.hooks(),
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  // Protocol errors: aedes has closed the connection, as MQTT 3.1.1 §4.8 asks.
  const closed = (client: Client, error: Error) =>
    log.info(`mqtt: ${policy.describe(client)}: closed: ${error.message}`);
  broker.on('clientError', closed);
  broker.on('connectionError', closed);
  broker.on('clientDisconnect', (client) => {
    policy.disconnected(client);
    log.debug(`mqtt: ${policy.describe(client)}: disconnected`);
  });

  const local = new InProcessTransport(broker, persistence, log);
  const listeners: MqttListener[] = [];
  const close = async () => {
    clearInterval(revocation);
    local.close();
    for (const listener of listeners) await listener.close();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
  };
  const revocation = setInterval(() => {
    if (credentials.changedElsewhere()) policy.revokeChanged();
  }, REVOCATION_CHECK_MS);
  revocation.unref();

  const listen = async (host: string, port: number, tls: typeof tlsFiles) => {
    const anonymous = mqtt.allowAnonymous && isLoopbackHost(host);
    const listener = await listenMqtt({
      host,
      port,
      ...(tls && { tls }),
      maxPacketBytes: mqtt.maxPacketBytes,
      log,
      accept: (connection, address, listenerUrl) => {
        policy.attach(connection, { address, listener: listenerUrl, anonymous });
        broker.handle(connection);
      },
    });
    listeners.push(listener);
    log.info(`mqtt: listening on ${listener.url}${anonymous ? ' (anonymous clients allowed)' : ''}`);
    return listener;
  };
  try {
    const plain = await listen(mqtt.host ?? config.host, config.mqttPort, undefined);
    const secure =
      tlsFiles && mqtt.tlsPort !== undefined ? await listen(config.host, mqtt.tlsPort, tlsFiles) : undefined;
    return {
      url: plain.url,
      port: plain.port,
      tlsUrl: secure?.url,
      issueInternalCredential: (username) => policy.issueInternalCredential(username),
      local,
      devices: {
        list: () => credentials.list(),
        add: (username) => credentials.add(username, { discoveryPrefix: config.discoveryPrefix }),
        remove: (username) => {
          const removed = credentials.remove(username);
          if (removed) policy.revokeChanged();
          return removed;
        },
      },
      get connectedClients() {
        return broker.connectedClients;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
