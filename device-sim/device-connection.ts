import type { IPublishPacket, MqttClient } from 'mqtt';
import {
  AVAILABILITY_OFFLINE,
  AVAILABILITY_ONLINE,
  BIRTH_PAYLOAD_ONLINE,
  BIRTH_TOPIC,
  deviceAvailabilityTopic,
  deviceCommandTopic,
  deviceStateTopic,
} from '../hub/protocol/mqtt-conventions.ts';
import { preview } from './command-payload.ts';
import { connectMqtt, type MqttEndpoint } from './mqtt-connect.ts';
import type { SimulatedDevice } from './simulated-device.ts';

/** How long after its discovery a device reports its state again. */
const STATE_REPEAT_MS = 500;

/**
 * One device on MQTT, with its own connection so that its last will is its own, laid out as
 * Zigbee2MQTT lays out a device: retained discovery (QoS 1), retained availability that is also the
 * will, JSON state not retained, commands on `/set`.
 */
export class DeviceConnection {
  readonly device: SimulatedDevice;
  readonly #endpoint: MqttEndpoint;
  readonly #log: (line: string) => void;
  #client: MqttClient | undefined;
  #ending: Promise<void> | undefined;
  /** Logs the first MQTT error after each connect only: a dead broker must not flood the log. */
  #errorLogged = false;
  #stateRepeat: ReturnType<typeof setTimeout> | undefined;

  constructor(device: SimulatedDevice, endpoint: MqttEndpoint, log: (line: string) => void) {
    this.device = device;
    this.#endpoint = endpoint;
    this.#log = log;
  }

  /**
   * Connects and subscribes to `/set` and the birth topic; `announce` then makes the device visible.
   * The two are apart so that a simulator can subscribe all its devices before any retained
   * config exists: aedes' in-memory persistence scans every retained message on each SUBSCRIBE.
   */
  async connect(): Promise<void> {
    if (this.#client !== undefined) throw new Error(`${this.device.name}: already connected`);
    const name = this.device.name;
    const client = await connectMqtt(this.#endpoint, {
      clientId: `hearth-sim-${name}`,
      will: { topic: deviceAvailabilityTopic(name), payload: AVAILABILITY_OFFLINE, qos: 1, retain: true },
    });
    this.#client = client;
    client.on('error', (error) => {
      if (this.#errorLogged) return;
      this.#errorLogged = true;
      this.#log(`${name}: MQTT error: ${error.message}`);
    });
    client.on('message', (topic, payload, packet) => this.#onMessage(topic, payload, packet));
    try {
      // QoS 1, so that commands the hub sends at QoS 1 arrive at QoS 1.
      await client.subscribeAsync({ [deviceCommandTopic(name)]: { qos: 1 }, [BIRTH_TOPIC]: { qos: 1 } });
    } catch (error) {
      client.end(true);
      this.#client = undefined;
      throw error;
    }
    // After a reconnect (mqtt.js resubscribes by itself) the broker may have fired the will: announce again.
    client.on('connect', () => {
      this.#errorLogged = false;
      this.#announce(client).catch((error: unknown) =>
        this.#log(`${name}: re-announce failed: ${String(error)}`),
      );
    });
  }

  /** Publishes discovery (retained, QoS 1), then `online` (retained, QoS 1), then the state. */
  async announce(): Promise<void> {
    const client = this.#client;
    if (client === undefined) throw new Error(`${this.device.name}: not connected`);
    await this.#announce(client);
    this.device.onState(() => this.#publishState(client));
  }

  /** `connect` then `announce`. */
  async open(): Promise<void> {
    await this.connect();
    await this.announce();
  }

  /** Publishes `offline` (retained), then disconnects cleanly, so the broker keeps the will to itself. */
  close(): Promise<void> {
    this.#ending ??= this.#close();
    return this.#ending;
  }

  /** Drops the socket without DISCONNECT, so the broker publishes the will: a device losing power. */
  kill(): Promise<void> {
    this.#ending ??= this.#end(true);
    return this.#ending;
  }

  async #close(): Promise<void> {
    const client = this.#client;
    this.device.onState(undefined);
    if (client === undefined) return;
    if (client.connected) {
      try {
        await client.publishAsync(deviceAvailabilityTopic(this.device.name), AVAILABILITY_OFFLINE, {
          qos: 1,
          retain: true,
        });
      } catch (error) {
        this.#log(`${this.device.name}: could not publish offline: ${String(error)}`);
      }
      await this.#end(false);
    } else {
      await this.#end(true);
    }
  }

  async #end(force: boolean): Promise<void> {
    this.device.onState(undefined);
    clearTimeout(this.#stateRepeat);
    const client = this.#client;
    if (client === undefined) return;
    await client.endAsync(force);
  }

  async #announce(client: MqttClient): Promise<void> {
    const name = this.device.name;
    await Promise.all(
      this.device
        .discoveryMessages()
        .map((message) =>
          client.publishAsync(message.topic, JSON.stringify(message.config), { qos: 1, retain: true }),
        ),
    );
    await client.publishAsync(deviceAvailabilityTopic(name), AVAILABILITY_ONLINE, { qos: 1, retain: true });
    this.#publishState(client);
    // State is not retained, so a controller that subscribes to the state topic only once it has
    // read the discovery config misses the first report. Zigbee2MQTT publishes the state again
    // shortly after discovery for this reason; so does the simulator.
    clearTimeout(this.#stateRepeat);
    this.#stateRepeat = setTimeout(() => {
      if (this.#ending === undefined && this.#client === client) this.#publishState(client);
    }, STATE_REPEAT_MS);
    this.#stateRepeat.unref();
  }

  /** QoS 0 and not retained, as Zigbee2MQTT publishes state by default. */
  #publishState(client: MqttClient): void {
    const name = this.device.name;
    client.publish(
      deviceStateTopic(name),
      JSON.stringify(this.device.state),
      { qos: 0, retain: false },
      (error) => {
        if (error !== undefined && error !== null)
          this.#log(`${name}: state not published: ${error.message}`);
      },
    );
  }

  #onMessage(topic: string, payload: Buffer, packet: IPublishPacket): void {
    const client = this.#client;
    if (client === undefined || this.#ending !== undefined) return;
    const name = this.device.name;
    try {
      if (topic === deviceCommandTopic(name)) {
        const text = payload.toString('utf8');
        const result = this.device.handleCommand(text);
        this.#log(
          result.ok ? `${name} <- ${preview(text)}` : `${name} <- ${preview(text)} ignored: ${result.reason}`,
        );
      } else if (topic === BIRTH_TOPIC) {
        // A retained birth is an old one; the device announced itself when it connected.
        if (packet.retain || payload.toString('utf8') !== BIRTH_PAYLOAD_ONLINE) return;
        this.#announce(client).catch((error: unknown) =>
          this.#log(`${name}: re-announce failed: ${String(error)}`),
        );
      }
    } catch (error) {
      // Input from the network never takes the simulator down.
      this.#log(`${name}: error handling ${topic}: ${String(error)}`);
    }
  }
}
